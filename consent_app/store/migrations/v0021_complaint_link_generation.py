"""Trace-link decisions merged by how many decisions they follow, not by their times (issue 16).

``generation`` counts the decisions a link has had at the station that made the latest one (a link staff
added is decided once; one the trace proposed, none). Two stations of a studio deciding the same link merge
to the higher generation — a decision made after seeing another wins over it — and, at the same
generation, to "rejected"; the stations' clocks decide nothing (``studio/complaints.py``).

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 21
DESCRIPTION = "complaint link decisions counted (merged causally between studio stations)"


def upgrade(conn) -> None:
    conn.execute("ALTER TABLE complaint_links ADD COLUMN generation INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE complaint_links SET generation = 1 WHERE decided_at IS NOT NULL")
