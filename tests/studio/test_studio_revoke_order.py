"""``trust.evaluate`` over a revoked station's chain, in every arrival order: everything up to the cut is
accepted, everything after refused; a cut whose hash is not the object there refuses that object too."""

from __future__ import annotations

import itertools

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from consent_app.studio import objects, trust

STUDIO = "studio-1"


class _Chain:
    def __init__(self, station: str) -> None:
        self.station, self.key, self.objs = station, Ed25519PrivateKey.generate(), []

    def add(self, kind: str, body: dict) -> objects.StudioObject:
        obj = objects.make(self.key, studio=STUDIO, station=self.station, seq=len(self.objs) + 1,
                           prev=self.objs[-1].hash if self.objs else "", kind=kind,
                           object_id=f"{kind}:{len(self.objs)}", at="2026-11-30T00:00:00Z", body=body)
        self.objs.append(obj)
        return obj


def _studio(after_hash: str | None = None):
    a, b = _Chain("a"), _Chain("b")
    genesis = a.add(trust.GENESIS, {"station_key": objects.b64(objects.public_raw(a.key)),
                                    "station_name": "a", "approvals_required": 1})
    b.add(trust.REQUEST, {"station_key": objects.b64(objects.public_raw(b.key)), "station_name": "b"})
    a.add(trust.APPROVE, {"station": "b", "admin": "admin",
                          "fingerprint": objects.fingerprint(objects.public_raw(b.key))})
    b.add("consent.record", {"n": 1})
    cut = b.add("token.row", {"n": 2})
    a.add(trust.REVOKE, {"station": "b", "after_seq": cut.seq, "reason": "stolen",
                         "after_hash": cut.hash if after_hash is None else after_hash})
    b.add("token.row", {"n": 3})  # signed with b's key after the cut
    return genesis.hash, a.objs, b.objs, cut.seq


def test_every_arrival_order_gives_the_same_verdict() -> None:
    genesis, a_objs, b_objs, cut = _studio()
    everything = a_objs + b_objs
    for order in itertools.islice(itertools.permutations(everything), 0, None, 97):
        report = trust.evaluate(list(order), genesis)
        assert {o.seq for o in report.accepted if o.station == "b"} == set(range(1, cut + 1))
        assert [(o.seq, why) for o, why in report.refused] == [(cut + 1, trust.AFTER_REVOCATION)]
        assert report.stations["b"].trusted
        assert "b" in report.trusted_keys()
        assert "b" not in report.active_keys()
    # the settled fast path (held heads) gives the same verdict to the object after the cut
    held = {"a": (len(a_objs), a_objs[-1].hash), "b": (cut, b_objs[cut - 1].hash)}
    trust_objs = [o for o in everything if o.kind in trust.TRUST_KINDS]
    report = trust.evaluate([*trust_objs, b_objs[cut]], genesis, verified={o.hash for o in trust_objs},
                            held=held)
    assert [(o.seq, why) for o, why in report.refused] == [(cut + 1, trust.AFTER_REVOCATION)]


def test_a_cut_naming_another_object_refuses_the_object_there() -> None:
    genesis, a_objs, b_objs, cut = _studio(after_hash="0" * 64)
    report = trust.evaluate(a_objs + b_objs, genesis)
    assert {o.seq for o in report.accepted if o.station == "b"} == set(range(1, cut))
    assert {(o.seq, why) for o, why in report.refused} == {(cut, trust.CUT_MISMATCH),
                                                          (cut + 1, trust.AFTER_REVOCATION)}
