"""Which stations a studio trusts, computed from signed objects alone.

Everything chains to the studio's *genesis* (the founding station's first object, whose hash every
station pins when it creates or joins the studio):

- the genesis names the founding station and its key, and how many administrators must approve a new
  station (2 when the studio had more than one administrator, else 1);
- a new station's first object is a self-signed ``station.request`` carrying its key;
- ``station.approve`` objects, signed by already trusted stations, each name an administrator and the
  key fingerprint that administrator read on the new station's screen; the station is trusted once
  enough *distinct* administrators approved *that* fingerprint (a key swapped in the database has
  another fingerprint and is never approved);
- ``station.revoke`` (by a trusted station) ends a station's trust after the last object of it the
  revoker had seen: what it signed before stays valid, nothing after.

The computation is a pure function of the objects, so every station reaches the same answer, and a row
written into PostgreSQL by hand (no valid signature of a trusted station) is refused everywhere. Every
object's own signature is checked (once: ``verified`` names the objects a station checked before), and
every ``prev`` link of its station's chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consent_app.studio.objects import StudioObject, fingerprint, unb64

GENESIS = "studio.genesis"
REQUEST = "station.request"
APPROVE = "station.approve"
REVOKE = "station.revoke"


@dataclass
class StationInfo:
    station: str
    name: str
    key: bytes
    fingerprint: str
    approved_by: list[str] = field(default_factory=list)   # admin usernames
    trusted: bool = False
    revoked_after: int | None = None                        # the cut: last trusted seq once revoked
    revoked_reason: str = ""
    revoked_hash: str = ""                                  # hash of the object at the cut, when recorded

    @property
    def revoked(self) -> bool:
        return self.revoked_after is not None

    @property
    def active(self) -> bool:
        """Approved and not revoked: may sign new objects (approve, revoke, share)."""
        return self.trusted and self.revoked_after is None

    def trusts(self, seq: int) -> bool:
        return self.trusted and (self.revoked_after is None or seq <= self.revoked_after)


@dataclass
class TrustReport:
    studio: str
    genesis_hash: str
    stations: dict[str, StationInfo]
    accepted: list[StudioObject]                 # verified, in per-station chain order
    refused: list[tuple[StudioObject, str]]      # with the reason
    pending: list[StudioObject]                  # well-signed but their station is not trusted (yet)

    def trusted_keys(self) -> dict[str, bytes]:
        """Every approved station's key, a revoked one's too (what it signed up to its cut stays valid)."""
        return {s.station: s.key for s in self.stations.values() if s.trusted}

    def active_keys(self) -> dict[str, bytes]:
        """The keys of approved stations that are not revoked (they may still sign new objects)."""
        return {s.station: s.key for s in self.stations.values() if s.active}

    def revoked(self) -> dict[str, StationInfo]:
        """Approved stations that were revoked, by id."""
        return {s.station: s for s in self.stations.values() if s.trusted and s.revoked}


Refusal = tuple[StudioObject, str]


#: Why an object of a revoked station is refused (``TrustReport.refused``; ``revocation.alert`` matches them).
AFTER_REVOCATION = "signed after its station was revoked"
CUT_MISMATCH = "not the object the revocation's cut names (signed after its station was revoked)"

#: The kinds that decide which stations are trusted; every other kind only rides on its station's chain.
TRUST_KINDS = frozenset({GENESIS, REQUEST, APPROVE, REVOKE})

#: Per station, (seq, hash) of the newest object of a chain prefix 1..seq whose links and signatures a
#: station verified before (see ``evaluate``'s ``held``).
Held = dict[str, tuple[int, str]]


def _chains(objects: list[StudioObject],
            held: Held | None = None) -> tuple[dict[str, list[StudioObject]], list[Refusal]]:
    """Per station, the longest prefix 1..n whose ``prev`` links hold; the rest refused. For a station in
    ``held``, the objects up to its held seq are the held prefix's (linked when they were accepted) and the
    links are checked from the held head on."""
    by_station: dict[str, dict[int, StudioObject]] = {}
    refused: list[tuple[StudioObject, str]] = []
    for obj in objects:
        slot = by_station.setdefault(obj.station, {})
        if obj.seq in slot and slot[obj.seq].hash != obj.hash:
            refused.append((obj, "a second object under a sequence already taken"))
            continue
        slot[obj.seq] = obj
    chains: dict[str, list[StudioObject]] = {}
    for station, slot in by_station.items():
        chain: list[StudioObject] = []
        start, prev = 1, ""
        if held and station in held:
            top, prev = held[station]
            chain = [slot[seq] for seq in sorted(slot) if seq <= top]
            start = top + 1
        for seq in range(start, max(slot) + 1):
            obj = slot.get(seq)
            if obj is None:
                break  # not pulled yet: the rest waits
            if obj.data["prev"] != prev:
                refused.extend((o, f"chain broken at #{seq}") for s, o in slot.items() if s >= seq)
                break
            chain.append(obj)
            prev = obj.hash
        chains[station] = chain
    return chains, refused


def evaluate(objects: list[StudioObject], genesis_hash: str,
             verified: set[str] | frozenset[str] = frozenset(), held: Held | None = None) -> TrustReport:
    """Trusted stations and accepted objects. Revocations found in a pass are applied from the start
    of the next one, until they no longer change (an object signed after its station's revocation never
    counts, whatever order the objects arrived in).

    ``held`` evaluates new objects against what a station accepted before without reading it all again:
    for each station in it, ``objects`` carry only the TRUST_KINDS objects of its held prefix (all in
    ``verified``) and the new objects after it. With no new TRUST_KINDS object the trusted stations are
    those of the whole set, so each new object gets the verdict a full evaluation would give it."""
    revoked: dict[str, tuple[int, str, str]] = {}
    for _ in range(len(objects) + 2):
        report = _evaluate(objects, genesis_hash, revoked, verified, held)
        found = {s.station: (s.revoked_after, s.revoked_reason, s.revoked_hash)
                 for s in report.stations.values() if s.revoked_after is not None}
        if found == revoked:
            return report
        revoked = found
    return report


def _evaluate(objects: list[StudioObject], genesis_hash: str, revoked: dict[str, tuple[int, str, str]],
              verified: set[str] | frozenset[str], held: Held | None = None) -> TrustReport:
    chains, refused = _chains(objects, held)
    genesis = next((c[0] for c in chains.values() if c and c[0].hash == genesis_hash), None)
    if genesis is None or genesis.kind != GENESIS:
        return TrustReport("", genesis_hash, {}, [], refused, [o for c in chains.values() for o in c])
    body = genesis.body
    studio = genesis.data["studio"]
    founder = StationInfo(genesis.station, str(body.get("station_name", "")), unb64(body["station_key"]),
                          fingerprint(unb64(body["station_key"])), ["genesis"], True)
    if not genesis.verify_with(founder.key):
        return TrustReport(studio, genesis_hash, {}, [], [(genesis, "genesis signature")], [])
    required = int(body.get("approvals_required", 1))
    stations: dict[str, StationInfo] = {founder.station: founder}
    for station, chain in chains.items():  # requests: self-signed first objects
        if station == founder.station or not chain:
            continue
        first = chain[0]
        key_text = first.body.get("station_key")
        if first.kind != REQUEST or not isinstance(key_text, str):
            continue
        key = unb64(key_text)
        if first.verify_with(key):
            stations[station] = StationInfo(station, str(first.body.get("station_name", "")), key,
                                            fingerprint(key))
    for station, (after, reason, digest) in revoked.items():
        if station in stations:
            info = stations[station]
            info.revoked_after, info.revoked_reason, info.revoked_hash = after, reason, digest
    accepted_ids: set[tuple[str, int]] = set()
    refused_ids = {(o.station, o.seq) for o, _ in refused}
    changed = True
    while changed:  # approvals and revocations can depend on each other: iterate to a fixed point
        changed = False
        for station, chain in chains.items():
            info = stations.get(station)
            if info is None or not info.trusted:
                continue
            for obj in chain:
                key = (station, obj.seq)
                if key in accepted_ids or key in refused_ids or not info.trusts(obj.seq):
                    continue
                if info.revoked_hash and obj.seq == info.revoked_after and obj.hash != info.revoked_hash:
                    refused.append((obj, CUT_MISMATCH))  # not the object the revoker had seen there
                    refused_ids.add(key)
                    continue
                good = obj.hash in verified or obj.verify_with(info.key)
                if not good or obj.data["studio"] != studio:
                    refused.append((obj, "signature or studio does not verify"))
                    refused_ids.add(key)
                    continue
                accepted_ids.add(key)
                changed = True
                _apply(obj, stations, required)
    accepted, pending = [], []
    for station, chain in chains.items():
        info = stations.get(station)
        for obj in chain:
            if (station, obj.seq) in accepted_ids:
                accepted.append(obj)
            elif (station, obj.seq) not in refused_ids:
                if info is not None and info.trusted and not info.trusts(obj.seq):
                    refused.append((obj, AFTER_REVOCATION))
                elif info is None and obj.seq == 1:
                    refused.append((obj, "not signed by any station of this studio"))
                else:
                    pending.append(obj)
    for station, chain in chains.items():
        if station not in stations and chain and chain[0].seq == 1:
            refused.extend((o, "not signed by any station of this studio") for o in chain[1:])
    return TrustReport(studio, genesis_hash, stations, accepted, refused, pending)


def _apply(obj: StudioObject, stations: dict[str, StationInfo], required: int) -> None:
    body = obj.body
    if obj.kind == APPROVE:
        target = stations.get(str(body.get("station")))
        admin = str(body.get("admin", ""))
        if target is None or body.get("fingerprint") != target.fingerprint or not admin:
            return
        if admin not in target.approved_by:
            target.approved_by.append(admin)
        if len(target.approved_by) >= required:  # a revocation cuts its chain; it does not undo the approval
            target.trusted = True
    elif obj.kind == REVOKE:
        target = stations.get(str(body.get("station")))
        if target is None:
            return
        after = int(body.get("after_seq", 0))
        if target.revoked_after is None or after < target.revoked_after:
            target.revoked_after = after
            target.revoked_reason = str(body.get("reason", ""))
            target.revoked_hash = str(body.get("after_hash", ""))  # absent in revocations made before 2026-11
