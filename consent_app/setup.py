"""First run: create the store, the studio, its signing key and the first admin in one go."""

from __future__ import annotations

import shutil
from pathlib import Path

from consent_app import audit, clock, paths, staff
from consent_app.crypto import keys as signing
from consent_app.errors import InputError
from consent_app.store import Store, meta
from consent_app.store.keys import RFC9106_LOW_MEMORY, Argon2Params


def initialize(
    data_dir: Path,
    *,
    studio_name: str,
    admin_username: str,
    admin_password: str,
    passphrase: str | None = None,
    use_keyring: bool = False,
    demo: bool = False,
    argon2: Argon2Params = RFC9106_LOW_MEMORY,
) -> Store:
    """Create a ready-to-use store. On any failure nothing is left behind."""
    if not studio_name.strip():
        raise InputError("the studio needs a name")
    staff._check_username(admin_username)
    staff._check_password(admin_password)
    data_dir = Path(data_dir)
    existed = data_dir.exists()
    store = Store.create(data_dir, passphrase=passphrase, use_keyring=use_keyring, argon2=argon2)
    try:
        with store.transaction() as tx:
            meta.put(tx, "studio_id", store.store_id)
            meta.put(tx, "studio_name", studio_name.strip())
            meta.put(tx, "demo", "1" if demo else "0")
            meta.put(tx, "created_at", clock.iso())
            audit.append(tx, admin_username, "store.init", f"studio:{store.store_id}",
                         {"studio_name": studio_name.strip(), "demo": demo,
                          "protection": store.envelope["protection"]})
            staff.create(tx, admin_username, admin_password, staff.Role.ADMIN, actor=admin_username)
            signing.create_key(tx, actor=admin_username)
    except BaseException:
        store.close()
        for name in (paths.DB_NAME, f"{paths.DB_NAME}-wal", f"{paths.DB_NAME}-shm", paths.ENVELOPE_NAME):
            (data_dir / name).unlink(missing_ok=True)
        if not existed:
            shutil.rmtree(data_dir, ignore_errors=True)
        raise
    return store
