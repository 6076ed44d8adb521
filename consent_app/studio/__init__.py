"""One studio, many stations: the shared PostgreSQL studio database and offline-first sync.

Each station keeps its own encrypted SQLCipher store and works without the network. What the studio
shares travels as *signed objects*: every station appends them to a local outbox (its own sequence,
each object naming the hash of the station's previous one), pushes them idempotently to PostgreSQL,
and pulls everyone else's by cursor, verifying every signature and chain before applying anything.
PostgreSQL is a relay and a witness, never an authority: a row nobody with an approved station key
signed is refused by every station. See docs/studio.md.
"""
