"""Helpers for the consent tests: a completed capture session through the real flow."""

from __future__ import annotations


def member(store, name):
    from consent_app import staff

    with store.read() as conn:
        return staff.get(conn, name)


def run_session(store, faces_dir, *, categories=("face_swap", "face_generation"), language="en",
                name="Mei Lin 林美", **form):
    """A complete capture session through the real flow and face code; returns CompletedSession."""
    from sessionhelpers import CachedBiometrics, sign_and_finish, walk_to_form

    from consent_app.session.flow import CaptureFlow

    flow = CaptureFlow(store, member(store, "op"), CachedBiometrics(store))
    walk_to_form(flow, faces_dir, name=name, language=language)
    return sign_and_finish(flow, categories, **form)


def tamper(store, sql: str, params=()) -> None:
    """Change the database behind the app's back (as someone with the key could), triggers off."""
    with store.transaction() as tx:
        triggers = tx.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND tbl_name IN ('consents', 'events', 'tokens', 'commitment_salts')"
                              ).fetchall()
        for name, _ in triggers:
            tx.execute(f"DROP TRIGGER {name}")
        tx.execute(sql, params)
        for _, sql_text in triggers:
            tx.execute(sql_text)
