"""Partial indexes for what every studio sync asks of the shared-template tables: the templates still waiting
for their subject key, the subject keys and erasures not on the server yet. Each sync reads these; with
them it touches only the rows concerned, not every template another station shared.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 14
DESCRIPTION = "partial indexes: shared templates waiting for a key, keys and erasures not on the server yet"

SCHEMA = """
CREATE INDEX shared_templates_waiting ON shared_templates(key_id) WHERE vector IS NULL;
CREATE INDEX subject_keys_unsent ON subject_keys(key_id) WHERE pushed_at IS NULL;
CREATE INDEX subject_erasures_unsent ON subject_erasures(subject_id) WHERE server_deleted_at IS NULL
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
