"""Studio-wide settings: the complaint deadlines and the studio code are the studio's, not a station's.

Changing one at an approved station (``complaint deadlines``, ``tools code``, audited) appends a signed
``studio.setting`` object naming the setting object this station held as the studio's value (``after``) and
its depth in that chain (one more). Every station keeps every such object (``studio_settings``) and takes as
the studio's value the deepest, then the one with the larger hash: a change made after seeing another wins
over it, two changes made at once end with the same one everywhere, and no station's clock decides. The
value is copied into the station's ``settings`` (audited, naming the station). The founding station shares
its own values at its first sync; a joining station takes the studio's. An object whose predecessor is not
here yet waits; one with a value this version refuses is dropped with an alert.
"""

from __future__ import annotations

import json
import re
import uuid

from consent_app import settings
from consent_app.messages import define
from consent_app.studio import link as link_mod
from consent_app.studio import objects

MESSAGES = define({
    "studio.setting_refused": "station {station} shared the studio setting {key} with a value or position "
                              "this station refuses: it is ignored",
})

KIND = "studio.setting"
ACK, RESOLVE, CODE = "complaints.acknowledge_days", "complaints.resolve_days", "studio.code"
#: The studio-wide settings: default (the code's is derived from the studio's name) and check of each.
SHARED = {
    ACK: (1, lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 365),
    RESOLVE: (15, lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 365),
    CODE: (None, lambda v: isinstance(v, str) and re.fullmatch(r"[\x21-\x7e]{1,32}", v) is not None),
}


def _head(conn, key: str) -> tuple[str, int, str | None]:
    """(hash, depth, JSON value) of the studio's value of ``key`` held here; ("", 0, None) when none."""
    row = conn.execute("SELECT hash, depth, value FROM studio_settings WHERE key = ? "
                       "ORDER BY depth DESC, hash DESC LIMIT 1", (key,)).fetchone()
    return (row[0], row[1], row[2]) if row else ("", 0, None)


def held(conn) -> dict[str, dict]:
    """For ``studio status``: each studio-wide setting's value and where it came from (None: not shared)."""
    out = {}
    for key in SHARED:
        row = conn.execute("SELECT value, station, actor, at FROM studio_settings WHERE key = ? "
                           "ORDER BY depth DESC, hash DESC LIMIT 1", (key,)).fetchone()
        out[key] = None if row is None else {"value": json.loads(row[0]), "station": row[1],
                                             "by": row[2], "at": row[3]}
    return out


def studio_wide(conn) -> bool:
    """Whether this station's changes of the studio-wide settings are shared (an approved studio station)."""
    lk = link_mod.get(conn)
    return lk is not None and lk.data_key is not None


def changed_here(tx, key: str, value, actor: str) -> None:
    """A studio-wide setting changed at this station (already stored and audited): share it."""
    lk = link_mod.get(tx)
    if key not in SHARED or lk is None or lk.data_key is None:
        return  # not a studio station (yet): the studio's value replaces it once one arrives
    after, depth, _value = _head(tx, key)
    obj = link_mod.append(tx, KIND, f"{key}#{uuid.uuid4()}",
                          {"key": key, "value": value, "after": after, "depth": depth + 1, "actor": actor})
    tx.execute("INSERT INTO studio_settings (hash, key, value, depth, after, station, actor, at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (obj.hash, key, json.dumps(value), depth + 1, after,
                                                  lk.station_id, actor, obj.data["at"]))


def set_studio_code(tx, code: str, actor: str) -> str:
    """``tools code CODE``: set the studio code (checked, audited) and, at a studio station, share it."""
    from consent_app.provenance import ca

    code = ca.set_studio_code(tx, code, actor)
    changed_here(tx, CODE, code, actor)
    return code


def collect(tx, lk: link_mod.Link) -> int:
    """The founding station shares its values of the studio-wide settings the studio has none of yet."""
    if lk.role != "founder" or lk.data_key is None:
        return 0
    added = 0
    for key, (default, _check) in SHARED.items():
        if _head(tx, key)[0]:
            continue
        row = tx.execute("SELECT value, updated_by FROM settings WHERE key = ?", (key,)).fetchone()
        value = json.loads(row[0]) if row else default
        if key == CODE and row is None:  # the code the founder derives from the studio's name
            from consent_app.provenance import ca

            value = ca.studio_code(tx)
        if value is not None:
            changed_here(tx, key, value, row[1] if row else "studio")
            added += 1
    return added


def accept(tx, obj: objects.StudioObject) -> bool:
    """Keep another station's ``studio.setting`` and apply the studio's value; False: its predecessor is
    not here yet."""
    body = obj.body
    key, value, after, depth = body.get("key"), body.get("value"), body.get("after"), body.get("depth")
    if key not in SHARED or not SHARED[key][1](value) or not isinstance(after, str) \
            or not isinstance(depth, int) or isinstance(depth, bool):
        link_mod.raise_alert(tx, "studio.setting_refused", station=obj.station, key=str(key))
        return True
    parent = tx.execute("SELECT depth FROM studio_settings WHERE hash = ? AND key = ?",
                        (after, key)).fetchone() if after else (0,)
    if parent is None:
        return False  # it follows a change not here yet
    if depth != parent[0] + 1:
        link_mod.raise_alert(tx, "studio.setting_refused", station=obj.station, key=key)
        return True
    tx.execute("INSERT OR IGNORE INTO studio_settings (hash, key, value, depth, after, station, actor, at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (obj.hash, key, json.dumps(value), depth, after,
                                                  obj.station, str(body.get("actor", "")), obj.data["at"]))
    _head_hash, _depth, studio_value = _head(tx, key)
    current = tx.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if current is None or json.loads(current[0]) != json.loads(studio_value):
        settings.put(tx, key, json.loads(studio_value), f"station:{obj.station}")
    return True
