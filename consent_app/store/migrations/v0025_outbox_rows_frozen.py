"""Studio outbox rows frozen whole: one ``BEFORE UPDATE`` trigger without a column list.

Since migration ``studio_push_mark`` nothing updates an outbox row (what the server holds is one mark in
``studio_sync``), yet ``studio_outbox_frozen`` still named six columns (``UPDATE OF seq, kind, ...``) and left
``created_at`` changeable. Every store open parses each trigger, and under ``cipher_memory_security`` each
name of an ``UPDATE OF`` list costs about three ``mlock``/``munlock`` calls: the same trigger without the list
refuses every update of a row (``created_at`` too) for 16 fewer calls. Same name, same message.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 25
DESCRIPTION = "studio outbox rows refused every update (one trigger without a column list)"


def upgrade(conn) -> None:
    conn.execute("DROP TRIGGER studio_outbox_frozen")
    conn.execute("CREATE TRIGGER studio_outbox_frozen BEFORE UPDATE ON studio_outbox "
                 "BEGIN SELECT RAISE(ABORT, 'outbox entries are append-only'); END")
