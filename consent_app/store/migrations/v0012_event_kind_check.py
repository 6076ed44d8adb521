"""The ``events.kind`` check without an ``IN`` list: no scratch b-tree on every event written.

SQLite evaluates ``CHECK (kind IN ('withdrawal', 'revocation', 'erasure', 'token_issue'))`` by building an
ephemeral b-tree of the four words for every INSERT (``OpenEphemeral``: a pager, a page cache and page
buffers). Under ``cipher_memory_security`` each of those buffers is ``mlock()``ed on allocation and wiped and
unlocked when freed: about 60 % of the heap allocations of a write through the app's path. The same rule
written with ``=`` and ``OR`` is compiled into four comparisons. Same columns, same rule, same indexes and
triggers; the rows (and their rowids, which replication orders by) are copied as they are.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 12
DESCRIPTION = "events.kind checked by comparisons instead of an IN list (no ephemeral table per insert)"

SCHEMA = """
CREATE TABLE events_rebuild (
    hash TEXT PRIMARY KEY,          -- sha256:<hex> of `body`
    id TEXT NOT NULL UNIQUE,        -- uuid (eventId urn:uuid:<id>)
    consent_id TEXT NOT NULL REFERENCES consents(id),
    kind TEXT NOT NULL CHECK (kind = 'withdrawal' OR kind = 'revocation' OR kind = 'erasure'
                              OR kind = 'token_issue'),
    token_id TEXT,                  -- the token of a token_issue event
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    seen TEXT NOT NULL,             -- JSON list of the event hashes the author had seen (for heads)
    body TEXT NOT NULL,             -- RFC 8785 JSON of the signed event: what is signed
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    signature TEXT NOT NULL         -- base64url Ed25519 over `body`
);
INSERT INTO events_rebuild (rowid, hash, id, consent_id, kind, token_id, at, actor, seen, body, kid,
                            signature)
SELECT rowid, hash, id, consent_id, kind, token_id, at, actor, seen, body, kid, signature FROM events
ORDER BY rowid;
DROP TABLE events;
ALTER TABLE events_rebuild RENAME TO events;
CREATE INDEX events_consent ON events(consent_id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'signed events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'signed events are append-only'); END
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
