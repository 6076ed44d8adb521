"""Whether a studio inbox row waits is answered from the partial index of waiting rows, not by reading the
inbox (every pull asks, twice); the index holds only the waiting rows."""

from __future__ import annotations

from consent_app.studio import held


def test_the_waiting_question_reads_only_the_index_of_waiting_rows(store):
    with store.read() as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {held.WAITING_SQL}"))
        assert "studio_inbox_waiting" in plan
        conn.execute("BEGIN IMMEDIATE")
        rows = [("st", seq, "bench.note", str(seq), f"h{seq}", b"{}", b"s", seq, seq % 2, "t")
                for seq in range(1, 11)]
        conn.executemany("INSERT INTO studio_inbox (station, seq, kind, object_id, hash, envelope, "
                         "signature, gid, accepted, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        waiting = conn.execute("SELECT seq FROM studio_inbox INDEXED BY studio_inbox_waiting "
                               "WHERE accepted = 0 ORDER BY seq").fetchall()
        assert [seq for (seq,) in waiting] == [2, 4, 6, 8, 10]
        assert conn.execute(held.WAITING_SQL).fetchone() == (1,)
        conn.execute("ROLLBACK")
