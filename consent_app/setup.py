"""First run: create the store, the studio, its signing key and the first admin in one go."""

from __future__ import annotations

import shutil
from pathlib import Path

from consent_app import audit, clock, paths, staff
from consent_app.crypto import keys as signing
from consent_app.errors import InputError, StoreError
from consent_app.messages import Message, define
from consent_app.store import Store, meta
from consent_app.store.keys import RFC9106_LOW_MEMORY, Argon2Params

MESSAGES = define({
    "setup.studio_name_needed": "the studio needs a name",
    "store.exists": "{path} already holds a consent_app store; refusing to overwrite it",
    "setup.studio_name_missing": "the studio needs a name",
    "setup.username_invalid": "a username uses letters, digits, '.', '_' or '-' only",
    "setup.password_too_short": "the password must have at least {minimum} characters",
})


def problems(studio_name: str, admin_username: str, admin_password: str) -> dict[str, Message]:
    """Every reason the first-run details would be refused, by field (``studio``, ``username``,
    ``password``), so a form can show them all at once; empty when :func:`initialize` would accept them."""
    found: dict[str, Message] = {}
    if not studio_name.strip():
        found["studio"] = Message("setup.studio_name_missing")
    try:
        staff._check_username(admin_username)
    except InputError:
        found["username"] = Message("setup.username_invalid")
    try:
        staff._check_password(admin_password)
    except InputError:
        found["password"] = Message("setup.password_too_short", {"minimum": staff.MIN_PASSWORD_LENGTH})
    return found


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
        raise InputError(code="setup.studio_name_needed")
    staff._check_username(admin_username)
    staff._check_password(admin_password)
    if not use_keyring:
        from consent_app.store.passphrase import check_strength

        check_strength(passphrase or "")
    data_dir = Path(data_dir)
    from consent_app.files import check_private_folder
    from consent_app.store import initdir
    from consent_app.store import keys as store_keys

    check_private_folder(data_dir)
    initdir.check_complete(data_dir)
    if paths.envelope_path(data_dir).exists():
        raise StoreError(code="store.exists", path=str(data_dir))
    key = store_keys.new_database_key()
    work = initdir.work_folder(data_dir)  # built there, renamed into place when complete
    try:
        store = Store.create(work, passphrase=passphrase, use_keyring=use_keyring, argon2=argon2, key=key)
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
        finally:
            store.close()  # writes the head anchor into the work folder
        envelope = store.envelope
        initdir.commit(work, data_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    store = Store.open_with_key(data_dir, key, envelope)
    return store
