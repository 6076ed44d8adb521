"""What a station holds of the studio: every object parsed once per process, and trust over it.

- ``parsed`` keeps each parsed object by (station, seq) while its bytes stay the same, so a long-running
  station (``sync --watch``) neither parses nor decrypts its whole history at every pull;
- ``evaluate_local`` is trust over everything held (``trust.evaluate``);
- ``held_base`` is what a *settled* station needs to judge only its new objects: the held objects that
  decide trust and the head of every held chain.
"""

from __future__ import annotations

from consent_app.studio import link, objects, sigcheck, trust

#: Parsed objects by hash: an object never changes, so a long-running station parses each once.
_CACHE: dict[tuple[str, int], objects.StudioObject] = {}
_CACHE_LIMIT = 200_000


def parsed(envelope: bytes, signature: bytes, station: str, seq: int) -> objects.StudioObject:
    """The parsed object, from the cache when these exact bytes were parsed before."""
    obj = _CACHE.get((station, seq))
    if obj is None or obj.envelope != envelope or obj.signature != signature:
        obj = objects.parse(envelope, signature, station=station, seq=seq)
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[(station, seq)] = obj
    return obj


def _held(conn, keys_sql: str, row_sql: str) -> list[objects.StudioObject]:
    """Every object of a table, parsed once per process: rows whose hash matches the cached object are not
    read again (a long-running station does not decrypt its whole history at every pull)."""
    out = []
    for station, seq, digest in conn.execute(keys_sql).fetchall():
        obj = _CACHE.get((station, seq))
        if obj is None or obj.hash != digest:
            envelope, signature = conn.execute(row_sql, (station, seq)).fetchone()
            obj = parsed(bytes(envelope), bytes(signature), station, seq)
        out.append(obj)
    return out


#: Does any inbox row wait (held back at an earlier pull)? Answered from a partial index of the waiting rows
#: (migration studio_inbox_waiting), not by reading the inbox.
WAITING_SQL = "SELECT 1 FROM studio_inbox WHERE accepted = 0 LIMIT 1"

_TRUST_KINDS_SQL = ", ".join(f"'{kind}'" for kind in sorted(trust.TRUST_KINDS))


def held_base(tx, lk: link.Link, fresh: list[objects.StudioObject]):
    """(the held objects that decide trust, the head of every held chain) when the new objects can be
    judged without reading everything held again; None when a full evaluation is needed.

    That is when every held row was accepted (verified, chain-linked, applied: nothing waits), no new
    object decides trust (genesis, request, approval, revocation), each held chain is whole (rows 1..n)
    and every new object comes after the head held of its station. Trust then follows from the held
    trust objects alone, and each new object gets the verdict ``evaluate_local`` would give it."""
    if any(obj.kind in trust.TRUST_KINDS for obj in fresh):
        return None
    if tx.execute(WAITING_SQL).fetchone():
        return None  # checked again in this transaction: another sync of this store may have stored rows
    heads: trust.Held = {}
    for station, count, top in tx.execute("SELECT station, COUNT(*), MAX(seq) FROM studio_inbox "
                                          "GROUP BY station").fetchall():
        if count != top or station == lk.station_id:
            return None
        heads[station] = (top, tx.execute("SELECT hash FROM studio_inbox WHERE station = ? AND seq = ?",
                                          (station, top)).fetchone()[0])
    own = tx.execute("SELECT seq, hash FROM studio_outbox ORDER BY seq DESC LIMIT 1").fetchone()
    if own is not None:
        heads[lk.station_id] = (own[0], own[1])
    if any(obj.seq <= heads.get(obj.station, (0, ""))[0] for obj in fresh):
        return None
    held_trust = _held(tx, "SELECT station, seq, hash FROM studio_inbox "  # noqa: S608 - constant kinds
                           f"WHERE kind IN ({_TRUST_KINDS_SQL})",
                       "SELECT envelope, signature FROM studio_inbox WHERE station = ? AND seq = ?")
    held_trust += _held(tx, f"SELECT '{lk.station_id}', seq, hash FROM studio_outbox "  # noqa: S608 - a uuid
                            f"WHERE kind IN ({_TRUST_KINDS_SQL})",
                        "SELECT envelope, signature FROM studio_outbox WHERE ? IS NOT NULL AND seq = ?")
    return held_trust, heads


def evaluate_local(conn, accepted: set[str] | None = None,
                   extra: list[objects.StudioObject] = ()) -> trust.TrustReport:
    """Trust over every object this station holds. Objects accepted before were verified then (their
    station's key never changes), and this station's own objects are what it signed itself, so only
    the others' new objects have their signature checked."""
    lk = link.require(conn)
    known = set(accepted) if accepted is not None else {
        h for (h,) in conn.execute("SELECT hash FROM studio_inbox WHERE accepted = 1")}
    own = {h for (h,) in conn.execute("SELECT hash FROM studio_outbox")}
    known.update(own)
    objs = _held(conn, "SELECT station, seq, hash FROM studio_inbox",
                 "SELECT envelope, signature FROM studio_inbox WHERE station = ? AND seq = ?")
    objs += _held(conn, f"SELECT '{lk.station_id}', seq, hash FROM studio_outbox",  # noqa: S608 - a uuid
                  "SELECT envelope, signature FROM studio_outbox WHERE ? IS NOT NULL AND seq = ?")
    objs += extra
    return trust.evaluate(objs, lk.genesis_hash or "", verified=known)




#: Every station the inbox holds objects of, from its (station, seq) key alone: one probe per station (a skip
#: scan), where ``SELECT DISTINCT`` or ``GROUP BY station`` read an entry for every object ever pulled.
STATIONS_CTE = """WITH RECURSIVE stations(station) AS (
    SELECT MIN(station) FROM studio_inbox
    UNION ALL
    SELECT (SELECT MIN(i.station) FROM studio_inbox i WHERE i.station > s.station)
    FROM stations s WHERE s.station IS NOT NULL)"""

#: Each station's first object held (its genesis or request): a key lookup per station, not ``WHERE seq =
#: 1``, which read the whole inbox (every envelope) at every sync.
_FIRSTS_SQL = STATIONS_CTE + """
SELECT i.station, i.seq, i.hash FROM stations s JOIN studio_inbox i ON i.station = s.station AND i.seq = 1"""

#: Each station's newest sequence number held, by a key lookup per station.
TOPS_SQL = STATIONS_CTE + """
SELECT s.station, (SELECT MAX(i.seq) FROM studio_inbox i WHERE i.station = s.station)
FROM stations s WHERE s.station IS NOT NULL"""  # noqa: S608 - constant SQL


def station_keys(conn) -> dict[str, bytes]:
    """The key each station's own first object held here names (genesis, or its self-signed request): what
    a pull checks new signatures with ahead of trust (``sigcheck``); trust decides whose key it is."""
    lk = link.require(conn)
    firsts = _held(conn, _FIRSTS_SQL,
                   "SELECT envelope, signature FROM studio_inbox WHERE station = ? AND seq = ?")
    firsts += _held(conn, f"SELECT '{lk.station_id}', seq, hash FROM studio_outbox WHERE seq = 1",  # noqa: S608 - a uuid
                    "SELECT envelope, signature FROM studio_outbox WHERE ? IS NOT NULL AND seq = ?")
    return {obj.station: key for obj in firsts if (key := sigcheck.first_key(obj)) is not None}


def runs(keys: set[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """(station, first, last) for each run of consecutive sequence numbers in ``keys``: exactly those keys."""
    runs: list[list] = []
    for station, seq in sorted(keys):
        if runs and runs[-1][0] == station and runs[-1][2] == seq - 1:
            runs[-1][2] = seq
        else:
            runs.append([station, seq, seq])
    return [(station, first, last) for station, first, last in runs]
