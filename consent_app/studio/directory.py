"""One staff directory for the whole studio.

Each state of a staff account (display name, role, active, password hash) travels as a ``staff`` object,
sealed under the studio data key (PostgreSQL never sees names or password hashes). Every station applies
the newest state of each account — each state names the state it replaces, so a change always beats
what it changed; only changes made concurrently at two stations are ordered by time, then station id —
so an account created,
changed or deactivated at one station logs in — or is refused — the same way at every station. Failed
logins and lockouts stay per station.
"""

from __future__ import annotations

import json
import os

from consent_app import audit, clock
from consent_app.studio import link as link_mod
from consent_app.studio import objects, sealed

KIND = "staff"
_FIELDS = ("display_name", "role", "active", "password_hash")


def _local_states(tx) -> dict[str, dict]:
    return {r[0]: {"display_name": r[1], "role": r[2], "active": bool(r[3]), "password_hash": r[4]}
            for r in tx.execute("SELECT username, display_name, role, active, password_hash FROM staff")}


def _known(tx, lk: link_mod.Link, extra: objects.StudioObject | None = None) -> dict[str, tuple[str, dict]]:
    """Newest shared state per username: (object id, state), from the outbox and accepted objects (and
    ``extra``). A state replaced by another (``supersedes``) never wins; among the rest (concurrent
    changes) the latest time wins, then the larger station id."""
    rows = [bytes(e) for (e,) in tx.execute("SELECT envelope FROM studio_outbox WHERE kind = ?", (KIND,))]
    rows += [bytes(e) for (e,) in tx.execute(
        "SELECT envelope FROM studio_inbox WHERE kind = ? AND accepted = 1", (KIND,))]
    if extra is not None:
        rows.append(extra.envelope)
    by_user: dict[str, list[dict]] = {}
    for envelope in rows:
        data = json.loads(envelope)
        by_user.setdefault(data["body"]["username"], []).append(data)
    newest: dict[str, tuple[str, dict]] = {}
    for username, versions in by_user.items():
        replaced = {d["body"].get("supersedes") for d in versions}
        heads = [d for d in versions if d["id"] not in replaced] or versions
        best = max(heads, key=lambda d: (d["at"], d["station"]))
        newest[username] = (best["id"], sealed.unseal(lk.keyring, KIND, best["id"], best["body"]["sealed"]))
    return newest


def collect(tx, lk: link_mod.Link) -> int:
    """Share every local account whose state differs from the newest state the studio knows."""
    known, added = _known(tx, lk), 0
    for username, state in _local_states(tx).items():
        if username in known and known[username][1] == state:
            continue
        object_id = f"{username}@{clock.iso()}#{objects.b64(os.urandom(6))}"
        link_mod.append(tx, KIND, object_id, {
            "username": username, "supersedes": known[username][0] if username in known else None,
            "sealed": sealed.seal(lk.keyring, KIND, object_id, state)})
        added += 1
    return added


def accept(tx, lk: link_mod.Link, obj: objects.StudioObject) -> None:
    """Apply a staff object from another station when it is the newest state of its account."""
    username = obj.body["username"]
    state = sealed.unseal(lk.keyring, KIND, obj.object_id, obj.body["sealed"])
    if set(state) != set(_FIELDS) or state["role"] not in ("admin", "operator", "duty"):
        return
    known = _known(tx, lk, extra=obj)
    if known[username][0] != obj.object_id:
        return  # a state already replaced (or losing to a concurrent one) changes nothing
    if _local_states(tx).get(username) != state:
        _write(tx, username, state, obj)


def adopt(tx, lk: link_mod.Link) -> int:
    """When a station is approved (the data key just arrived): take the studio's newest state of every
    account. A joining station adopts the studio's accounts (its own account of the same name gives
    way); its other accounts are shared at the next push."""
    known, changed = _known(tx, lk), 0
    local = _local_states(tx)
    for username, (object_id, state) in known.items():
        if local.get(username) != state:
            _write(tx, username, state, object_id)
            changed += 1
    return changed


def _write(tx, username: str, state: dict, source: objects.StudioObject | str) -> None:
    row = tx.execute("SELECT id FROM staff WHERE username = ?", (username,)).fetchone()
    if row is None:
        tx.execute("INSERT INTO staff (username, display_name, role, password_hash, active, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (username, state["display_name"], state["role"], state["password_hash"],
                    int(state["active"]), clock.iso()))
    else:
        tx.execute("UPDATE staff SET display_name = ?, role = ?, password_hash = ?, active = ? "
                   "WHERE username = ?", (state["display_name"], state["role"], state["password_hash"],
                                          int(state["active"]), username))
    object_id = source if isinstance(source, str) else source.object_id
    audit.append(tx, "studio", "staff.sync", f"staff:{username}",
                 {"role": state["role"], "active": bool(state["active"]), "object": object_id})
