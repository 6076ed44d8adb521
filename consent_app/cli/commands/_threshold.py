"""`face threshold` and `voice threshold`: show a match threshold, or (admins) change it, audited."""

from __future__ import annotations

from types import ModuleType

from consent_app.cli.context import login, open_store


def show_or_set(args, records: ModuleType, setting_key: str) -> int:
    """``records`` is a biometric records module with ``match_threshold``/``set_match_threshold``."""
    from consent_app import staff

    with open_store(args) as store:
        if args.value is None:
            with store.read() as conn:
                print(f"{setting_key} = {records.match_threshold(conn)}")
            return 0
        admin = login(args, store, staff.Role.ADMIN)
        with store.transaction() as tx:
            value = records.set_match_threshold(tx, args.value, admin.username)
    print(f"{setting_key} set to {value}")
    return 0
