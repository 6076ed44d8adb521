"""Which studio data key generation wraps each subject key (``studio/datakeys.py``): '0' for the first.

A station holding a newer generation re-wraps the older rows (the table is deletable, rows may be
rewritten), so a station revoked since cannot unwrap the subject keys of shared templates any more.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 3
DESCRIPTION = "subject keys name the data key generation that wraps them"

SQL = """
ALTER TABLE subject_keys ADD COLUMN generation TEXT NOT NULL DEFAULT '0';
"""
