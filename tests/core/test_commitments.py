from __future__ import annotations

import pytest

from consent_app.crypto.commitments import SALT_BYTES, commitment, new_salt, opens


def test_commitment_opens_only_with_its_value_field_and_salt():
    salt = new_salt()
    c = commitment("name", "  Ada   Lovelace ", salt)
    assert c.startswith("hmac-sha256:")
    assert opens(c, "name", "Ada Lovelace", salt)
    assert not opens(c, "name", "Ada Lovelace.", salt)
    assert not opens(c, "document_number", "Ada Lovelace", salt)
    assert not opens(c, "name", "Ada Lovelace", new_salt())


def test_unicode_forms_commit_alike_and_salt_length_is_checked():
    salt = new_salt()
    assert commitment("name", "Zoe\u0301", salt) == commitment("name", "Zo\u00e9", salt)
    with pytest.raises(ValueError, match=str(SALT_BYTES)):
        commitment("name", "x", b"short")
