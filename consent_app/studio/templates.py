"""Face templates and voice embeddings shared for the studio-wide 1:N search, under per-subject keys.

- When a station first shares a template of a subject it makes a **subject key** (32 random bytes). Each
  template travels as a signed ``biometric.template`` object whose body carries the vector (and the
  subject's display name) sealed with AES-256-GCM under that key, bound to the subject id and the object
  id as associated data. Raw samples never leave the station.
- The subject key itself travels **wrapped under the studio data key** in PostgreSQL's ``subject_keys``
  table, apart from the append-only object log, so it can be deleted. PostgreSQL never sees a key or a
  template in clear.
- A station that pulls a template keeps it sealed (``shared_templates``) until it holds the subject key,
  fetched from the server for exactly the templates waiting for it; then the vector joins the station's
  face index and voice search (``biometrics.face.records``, ``provenance.search``).
- **Erasure** at any station leaves a tombstone, deletes the subject's keys on that station and, at its
  next sync, on the server, and appends a signed ``subject.erasure`` object. Every station applying it
  deletes its copy of the keys and templates (and wipes its own samples of the subject). What stays in
  the object log is ciphertext under a key nobody holds any more.
"""

from __future__ import annotations

import secrets

from consent_app import audit, clock
from consent_app.messages import define
from consent_app.studio import complaint_private, objects, sealed
from consent_app.studio import link as link_mod
from consent_app.studio.subjectkeys import erased as _erased
from consent_app.studio.subjectkeys import key_for

MESSAGES = define({
    "studio.template_unreadable": "the {modality} template {template} of subject {subject} shared by station "
                                  "{station} does not open with the subject's key: it is left out of the "
                                  "search",
    "studio.subject_key_unreadable": "the server's key {key} for subject {subject} is not wrapped under this "
                                     "studio's data key: it was not used",
})

#: Bytes of one float32 vector per modality (face_recognition's 128-d encoding, the voice model's 256-d
#: embedding); a shared template of another size is refused when opened, never put in the search.
VECTOR_BYTES = {"face": 128 * 4, "voice": 256 * 4}

KIND = "biometric.template"
ERASURE = "subject.erasure"
KINDS = (KIND, ERASURE)


# --- sealing --------------------------------------------------------------------------------------------


def _aead(key: bytes):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _template_aad(subject: str, object_id: str) -> bytes:
    return f"{KIND}\x00{subject}\x00{object_id}".encode()


def _key_aad(subject: str, key_id: str) -> bytes:
    return f"subject.key\x00{subject}\x00{key_id}".encode()


def seal_template(key: bytes, subject: str, object_id: str, payload: dict) -> bytes:
    import json

    nonce = secrets.token_bytes(12)
    plain = json.dumps(payload, sort_keys=True).encode()
    return nonce + _aead(key).encrypt(nonce, plain, _template_aad(subject, object_id))


def open_template(key: bytes, subject: str, object_id: str, blob: bytes) -> dict:
    """The sealed payload; ``cryptography.exceptions.InvalidTag`` for a wrong key or a moved blob."""
    import json

    return json.loads(_aead(key).decrypt(blob[:12], blob[12:], _template_aad(subject, object_id)))


def wrap_key(data_key: bytes, subject: str, key_id: str, key: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + _aead(data_key).encrypt(nonce, key, _key_aad(subject, key_id))


def unwrap_key(data_key: bytes, subject: str, key_id: str, wrapped: bytes) -> bytes:
    return _aead(data_key).decrypt(wrapped[:12], wrapped[12:], _key_aad(subject, key_id))


# --- sharing this station's templates ---------------------------------------------------------------------


def known(conn, subject: str) -> bool:
    """Whether this station holds a key or a shared template of ``subject`` (from any station)."""
    row = conn.execute("SELECT 1 FROM shared_templates WHERE subject_id = ? UNION ALL SELECT 1 FROM "
                       "subject_keys WHERE subject_id = ? LIMIT 1", (subject, subject)).fetchone()
    return row is not None


def collect(tx, lk: link_mod.Link) -> int:
    """Append every live template of this station not shared yet, sealed under its subject's key."""
    rows = tx.execute(
        "SELECT t.id, t.subject_id, t.modality, t.model, t.vector, t.created_at, s.display_name "
        "FROM templates t JOIN subjects s ON s.id = t.subject_id WHERE t.vector IS NOT NULL "
        "AND t.erased_at IS NULL AND s.biometrics_erased_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM studio_outbox o WHERE o.kind = ? AND o.object_id = t.id) "
        "AND NOT EXISTS (SELECT 1 FROM subject_erasures e WHERE e.subject_id = t.subject_id) "
        "ORDER BY t.created_at, t.rowid", (KIND,)).fetchall()
    for template_id, subject, modality, model, vector, created, name in rows:
        key_id, key = key_for(tx, lk.station_id, subject)
        payload = {"vector": objects.b64(bytes(vector)), "display_name": name, "created_at": created}
        link_mod.append(tx, KIND, template_id, {
            "subject": subject, "key": key_id, "modality": modality, "model": model,
            "sealed": objects.b64(seal_template(key, subject, template_id, payload))})
    return len(rows)


# --- applying what other stations shared ------------------------------------------------------------------


def accept(tx, lk: link_mod.Link, obj: objects.StudioObject) -> bool:
    """Apply a verified ``biometric.template`` or ``subject.erasure`` object of another station."""
    body = obj.body
    subject = str(body.get("subject", ""))
    if obj.kind == ERASURE:
        _apply_erasure(tx, subject, obj)
        return True
    if _erased(tx, subject):
        return True  # erased meanwhile: its key is gone; the ciphertext is never opened
    try:
        fields = (str(body["key"]), str(body["modality"]), str(body["model"]), objects.unb64(body["sealed"]))
        if not subject or fields[1] not in ("face", "voice"):
            raise ValueError(fields[1])
    except (KeyError, TypeError, ValueError):  # binascii.Error is a ValueError
        link_mod.raise_alert(tx, "studio.template_unreadable", template=obj.object_id, subject=subject,
                             station=obj.station, modality=str(body.get("modality", "?")))
        return True  # signed, but not a template this version reads: never applied, never retried
    key_id, modality, model, blob = fields
    inserted = tx.execute(
        "INSERT OR IGNORE INTO shared_templates (id, subject_id, key_id, station, modality, model, sealed, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (obj.object_id, subject, key_id, obj.station, modality, model, blob, obj.data["at"])).rowcount
    if inserted:
        audit.append(tx, f"station:{obj.station}", "template.shared", f"subject:{subject}",
                     {"template": obj.object_id, "modality": body["modality"], "station": obj.station,
                      "object": obj.hash})
        open_waiting(tx, [subject])
    return True


def open_waiting(tx, subjects: list[str] | None = None) -> int:
    """Open the shared templates whose subject key is here now; returns how many joined the search."""
    from cryptography.exceptions import InvalidTag

    sql = ("SELECT t.id, t.subject_id, t.station, t.modality, t.sealed, k.key FROM shared_templates t "
           "JOIN subject_keys k ON k.key_id = t.key_id AND k.subject_id = t.subject_id "
           "WHERE t.vector IS NULL")
    params: tuple = ()
    if subjects is not None:
        sql += f" AND t.subject_id IN ({','.join('?' * len(subjects))})"
        params = tuple(subjects)
    opened = 0
    for template_id, subject, station, modality, sealed_blob, key in tx.execute(sql, params).fetchall():
        try:
            payload = open_template(bytes(key), subject, template_id, bytes(sealed_blob))
            vector = objects.unb64(payload["vector"])
            if len(vector) != VECTOR_BYTES[modality]:
                raise ValueError(len(vector))
        except (InvalidTag, KeyError, TypeError, ValueError):  # ValueError: binascii.Error, bad JSON, size
            link_mod.raise_alert(tx, "studio.template_unreadable", template=template_id, subject=subject,
                                 station=station, modality=modality)
            continue
        tx.execute("UPDATE shared_templates SET vector = ?, display_name = ?, created_at = COALESCE(?, "
                   "created_at) WHERE id = ?", (vector, payload.get("display_name"),
                                                payload.get("created_at"), template_id))
        opened += 1
    return opened


def _forget(tx, subject: str) -> tuple[int, int]:
    from consent_app.store import scrub

    scrub.request(tx)  # the key's bytes leave the file's pages too, not only its row
    keys = tx.execute("DELETE FROM subject_keys WHERE subject_id = ?", (subject,)).rowcount
    shared = tx.execute("DELETE FROM shared_templates WHERE subject_id = ?", (subject,)).rowcount
    return keys, shared


def _apply_erasure(tx, subject: str, obj: objects.StudioObject) -> None:
    from consent_app.complaints import personal
    from consent_app.consent.wipe import wipe

    tx.execute("INSERT OR IGNORE INTO subject_erasures (subject_id, erased_at, station) VALUES (?, ?, ?)",
               (subject, obj.data["at"], obj.station))
    keys, shared = _forget(tx, subject)
    wiped = wipe(tx, subject, clock.iso())
    complaints = personal.erase(tx, subject, clock.iso())  # their personal fields: the subject key is gone
    if keys or shared or wiped.samples or wiped.templates or complaints:
        audit.append(tx, f"station:{obj.station}", "subject.erase_biometrics", f"subject:{subject}",
                     {"station": obj.station, "object": obj.hash, "samples": wiped.samples,
                      "templates": wiped.templates, "liveness_frames": wiped.frames,
                      "shared_templates": shared, "subject_keys": keys, "complaints": complaints,
                      "reason": "erased at another station of the studio"})


def redo_erasures(tx, erasures: list[objects.StudioObject]) -> list[str]:
    """This station's own erasures that a restored (rolled-back) store lost: done again (``reconcile``)."""
    for obj in erasures:
        _apply_erasure(tx, str(obj.body.get("subject", "")), obj)
    return [str(obj.body.get("subject", "")) for obj in erasures]


def erased_here(tx, subject: str, at: str) -> None:
    """A local erasure at a studio station: the subject's keys and shared templates go now, the studio
    learns it from a signed ``subject.erasure`` object, and the server's keys go at the next sync."""
    lk = link_mod.get(tx)
    if lk is None:
        return
    _forget(tx, subject)
    if _erased(tx, subject):
        return
    tx.execute("INSERT INTO subject_erasures (subject_id, erased_at, station) VALUES (?, ?, ?)",
               (subject, at, lk.station_id))
    link_mod.append(tx, ERASURE, subject, {"subject": subject})


# --- the deletable half on the server -------------------------------------------------------------------


def exchange(store, pg) -> dict[str, int]:
    """After a pull: upload this station's new subject keys (wrapped), delete erased subjects' keys on the
    server, fetch the keys of the templates waiting for one, and open those templates."""
    from cryptography.exceptions import InvalidTag

    done = {"uploaded": 0, "deleted": 0, "fetched": 0, "opened": 0}
    with store.read() as conn:
        lk = link_mod.require(conn)
        if lk.data_key is None:
            return done
        new_keys = conn.execute(
            "SELECT key_id, subject_id, key FROM subject_keys k WHERE pushed_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM subject_erasures e WHERE e.subject_id = k.subject_id)").fetchall()
        wanted = [r[0] for r in conn.execute(  # for templates and complaints' personal fields waiting
            "SELECT key_id FROM shared_templates t WHERE vector IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM subject_keys k WHERE k.key_id = t.key_id) UNION "
            "SELECT key_id FROM complaint_sealed c WHERE NOT EXISTS "
            "(SELECT 1 FROM subject_keys k WHERE k.key_id = c.key_id)")]
        erased = _unsent_erasures(conn)
    if erased:
        done["deleted"] = delete_on_server(store, pg, erased)
    if new_keys:
        with pg.transaction(), pg.cursor() as cur:
            label = sealed.newest(lk.keyring)
            cur.executemany(
                "INSERT INTO subject_keys (key_id, subject, station, wrapped, generation) "
                "SELECT %s, %s, %s, %s, %s "
                "WHERE NOT EXISTS (SELECT 1 FROM subject_erasures WHERE subject = %s) "
                "ON CONFLICT (key_id) DO NOTHING",
                [(kid, sid, lk.station_id, wrap_key(lk.keyring[label], sid, kid, bytes(key)), label, sid)
                 for kid, sid, key in new_keys])
        with store.transaction() as tx:
            tx.executemany("UPDATE subject_keys SET pushed_at = ? WHERE key_id = ?",
                           [(clock.iso(), kid) for kid, _sid, _key in new_keys])
        done["uploaded"] = len(new_keys)
    done["rewrapped"] = rewrap(pg, lk.keyring)
    fetched = pg.execute("SELECT key_id, subject, wrapped, station, generation FROM subject_keys "
                         "WHERE key_id = ANY(%s)", (wanted,)).fetchall() if wanted else []
    if not fetched:
        return done
    with store.transaction() as tx:
        for kid, subject, wrapped, maker, label in fetched:
            if _erased(tx, subject) or label not in lk.keyring:  # a generation not held (yet): wait
                continue
            try:
                key = unwrap_key(lk.keyring[label], subject, kid, bytes(wrapped))
            except InvalidTag:  # not wrapped under this studio's data key for this subject
                link_mod.raise_alert(tx, "studio.subject_key_unreadable", key=kid, subject=subject)
                continue
            tx.execute("INSERT OR IGNORE INTO subject_keys (key_id, subject_id, key, station, created_at, "
                       "pushed_at) VALUES (?, ?, ?, ?, ?, ?)",
                       (kid, subject, key, maker, clock.iso(), clock.iso()))
            done["fetched"] += 1
        done["opened"] = open_waiting(tx) + complaint_private.open_waiting(tx)
    return done


def rewrap(pg, keyring: sealed.Keyring) -> int:
    """Re-wrap under the newest data key generation held here the subject keys on the server wrapped under
    an older one this station holds (a revoked station holds only the older ones); returns how many."""
    from cryptography.exceptions import InvalidTag

    label = sealed.newest(keyring)
    older = [g for g in keyring if sealed.generation(g) < sealed.generation(label)]
    if not older:
        return 0
    rows = pg.execute("SELECT key_id, subject, wrapped, generation FROM subject_keys "
                      "WHERE generation = ANY(%s)", (older,)).fetchall()
    updates = []
    for kid, subject, wrapped, old in rows:
        try:
            key = unwrap_key(keyring[old], subject, kid, bytes(wrapped))
        except InvalidTag:  # not wrapped under that generation for this subject: left as it is (alerted
            continue        # by ``exchange`` at the station that wants it)
        updates.append((wrap_key(keyring[label], subject, kid, key), label, kid, old))
    if updates:
        with pg.transaction(), pg.cursor() as cur:
            cur.executemany("UPDATE subject_keys SET wrapped = %s, generation = %s WHERE key_id = %s "
                            "AND generation = %s", updates)
    return len(updates)


def _unsent_erasures(conn) -> list[tuple[str, str]]:
    return conn.execute("SELECT subject_id, station FROM subject_erasures WHERE server_deleted_at IS NULL"
                        ).fetchall()


def delete_on_server(store, pg, pending: list[tuple[str, str]] | None = None) -> int:
    """Delete on the server the keys of every subject erased here or learnt erased, and leave the server's
    tombstone (no station can put such a key back); returns how many subjects."""
    if pending is None:
        with store.read() as conn:
            pending = _unsent_erasures(conn)
    if not pending:
        return 0
    with pg.transaction(), pg.cursor() as cur:
        cur.executemany("INSERT INTO subject_erasures (subject, station) VALUES (%s, %s) "
                        "ON CONFLICT (subject) DO NOTHING", pending)
        cur.execute("DELETE FROM subject_keys WHERE subject = ANY(%s)", ([s for s, _ in pending],))
    with store.transaction() as tx:
        own = link_mod.require(tx).station_id
        for subject, station in pending:
            if station != own:  # erased elsewhere: tokens bound to it that the erasing station did not know
                _revoke_bound(tx, subject)
        tx.executemany("UPDATE subject_erasures SET server_deleted_at = ? WHERE subject_id = ?",
                       [(clock.iso(), s) for s, _ in pending])
    return len(pending)


def _revoke_bound(tx, subject: str) -> list[str]:
    """Revoke (signed events of this station) every token bound to the erased subject's face or voice that
    no revocation names yet: one issued here before the erasure reached this station."""
    from consent_app.tokens.revocation import revoke_bound

    revoked: list[str] = []
    for (consent_id,) in tx.execute("SELECT id FROM consents WHERE subject_id = ? ORDER BY created_at",
                                    (subject,)).fetchall():
        revoked += revoke_bound(tx, consent_id, ("face", "voice"), "studio",
                                "biometric data erased at another station of the studio")
    return revoked


def state(conn) -> dict[str, int]:
    """For ``studio status``: other stations' templates in this station's search and waiting for their
    subject key; subject keys and erasures not on the server yet."""
    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {"shared_in_search": count("SELECT COUNT(*) FROM shared_templates WHERE vector IS NOT NULL"),
            "waiting_for_key": count("SELECT COUNT(*) FROM shared_templates WHERE vector IS NULL"),
            "keys_to_upload": count("SELECT COUNT(*) FROM subject_keys WHERE pushed_at IS NULL"),
            "erasures_to_send": count("SELECT COUNT(*) FROM subject_erasures "
                                      "WHERE server_deleted_at IS NULL")}


def station_name(conn, station: str) -> str:
    """The name a station gave itself (its genesis or join request), or its id."""
    row = conn.execute("SELECT envelope FROM studio_inbox WHERE station = ? AND seq = 1",
                       (station,)).fetchone()
    if row is not None:
        import json

        name = json.loads(bytes(row[0])).get("body", {}).get("station_name")
        if isinstance(name, str) and name:
            return name
    return station
