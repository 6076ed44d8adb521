"""A sample's SHA-256 is its data's, computed once (the UI asks for it at every redraw)."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle


def test_a_samples_hash_is_its_datas_and_is_kept():
    from consent_app.session.evidence import Sample

    data = bytes(range(256)) * 4096
    sample = Sample("id_document", "image/jpeg", data)
    assert sample.sha256 == hashlib.sha256(data).hexdigest()
    assert "sha256" in vars(sample)  # kept, not computed again
    assert sample.sha256 is sample.sha256
    again = pickle.loads(pickle.dumps(sample))  # samples cross to the helper process and back
    assert again == sample
    assert again.sha256 == sample.sha256
    other = dataclasses.replace(sample, data=b"other")  # a new sample: its own hash
    assert other.sha256 == hashlib.sha256(b"other").hexdigest()
