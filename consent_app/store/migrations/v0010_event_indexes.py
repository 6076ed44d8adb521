"""Leaner indexes for signed events: fewer index pages touched by every write.

* ``audit_target`` (on every audit entry) becomes ``audit_event_target``, a partial index of the
  ``consent.event`` entries only: reading a consent's state looks up its events' audit entries by target,
  and no other audit entry pays for that index.
* ``events_token`` goes: token state is looked up by consent (``events_consent``), never by token id.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 10
DESCRIPTION = "partial audit index for the entries of signed events; drop the unused events_token index"

SCHEMA = """
DROP INDEX IF EXISTS audit_target;
DROP INDEX IF EXISTS events_token;
CREATE INDEX audit_event_target ON audit(target) WHERE action = 'consent.event'
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
