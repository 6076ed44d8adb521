"""Key protection: OS keyring or Argon2id passphrase; never a plaintext key file."""

import keyring
import pytest
from keyring.backend import KeyringBackend
from storesupport import ADMIN_PASSWORD

from consent_app import paths
from consent_app.errors import WrongKeyError
from consent_app.setup import initialize
from consent_app.store import Store, keys


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS keychain (a service of the operating system, like hardware)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_keyring_protected_store_round_trip(tmp_path, memory_keyring):
    data_dir = tmp_path / "d"
    initialize(data_dir, studio_name="K", admin_username="admin", admin_password=ADMIN_PASSWORD,
               use_keyring=True).close()
    envelope = paths.envelope_path(data_dir).read_text()
    (stored,) = [v for (_, user), v in memory_keyring.items.items() if user.startswith("store:")]
    assert stored not in envelope
    with Store.open(data_dir) as store:
        assert store.envelope["protection"] == "keyring"


def test_wrong_key_in_keyring_is_refused(tmp_path, memory_keyring):
    data_dir = tmp_path / "d"
    initialize(data_dir, studio_name="K", admin_username="admin", admin_password=ADMIN_PASSWORD,
               use_keyring=True).close()
    (item,) = [k for k in memory_keyring.items if k[1].startswith("store:")]
    memory_keyring.items[item] = "A" * 44
    with pytest.raises(WrongKeyError, match="does not unlock"):
        Store.open(data_dir)
    memory_keyring.items.clear()
    with pytest.raises(WrongKeyError, match="holds no key"):
        Store.open(data_dir)


def test_no_keyring_backend_means_passphrase_not_plaintext(tmp_path, no_keyring):
    data_dir = tmp_path / "d"
    assert not keys.keyring_available()
    with pytest.raises(keys.KeyringUnavailableError, match="passphrase"):
        initialize(data_dir, studio_name="K", admin_username="admin", admin_password=ADMIN_PASSWORD,
                   use_keyring=True)
    assert not data_dir.exists()


def test_production_argon2_parameters_are_rfc9106():
    p = keys.RFC9106_LOW_MEMORY
    assert (p.time_cost, p.memory_cost, p.parallelism, p.salt_len) == (3, 65536, 4, 16)


def test_passphrase_envelope_uses_argon2id_and_aes_gcm():
    envelope = keys.seal_with_passphrase(b"k" * 32, "sid", "a passphrase")
    assert envelope["kdf"]["alg"] == "argon2id"
    assert envelope["kdf"]["memory_cost"] == 65536
    assert envelope["wrap"]["alg"] == "A256GCM"
    assert keys.unseal(envelope, "a passphrase") == b"k" * 32
    with pytest.raises(WrongKeyError):
        keys.unseal(envelope, "another passphrase")
    tampered = {**envelope, "store_id": "other"}
    with pytest.raises(WrongKeyError):
        keys.unseal(tampered, "a passphrase")
