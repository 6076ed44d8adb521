"""The refutation statement: is this media covered by a consent of this studio? Signed, as a PDF.

The verdict is one of

* ``covered``: the file's marks are valid and name a token of this studio that is valid now, or staff
  confirmed a usage receipt that authorised it;
* ``not_covered``: no mark of this studio, and no face in it matches anyone this studio enrolled (or the
  people it matches never consented to a face edit here, not even in a consent since withdrawn): no
  consent of this studio covers it;
* ``cannot_be_determined``: everything else, notably a copy whose marks were stripped but whose face matches
  an enrolled subject with a consent: it shows *who is depicted*, not whether this use was authorised.

The statement (verdict, facts found by the trace, consents of the people matched, token states) is an RFC 8785
document signed with the studio key; the PDF shows it with a QR code of its hash, and the signed statement is
kept with the complaint (an action) so it can be checked later and goes into the records export.
"""

from __future__ import annotations

import uuid

from consent_app import clock
from consent_app.complaints import media as media_mod
from consent_app.complaints import register, tracing
from consent_app.consent import record as rec
from consent_app.consent import records
from consent_app.crypto import keys as signing
from consent_app.store import meta

SCHEMA = "https://consent-app.invalid/schema/refutation-statement/v1"
FACE_CATEGORIES = frozenset({"face_generation", "face_swap", "face_attribute_edit", "face_manipulation",
                             "pose_manipulation"})

TEXT = {
    "en": {
        "title": "Statement on disputed media", "studio": "Studio", "complaint": "Complaint",
        "date": "Date", "verdict": "Finding", "hash": "Statement hash (SHA-256)",
        "covered": "This media IS covered by a consent given to this studio.",
        "not_covered": "This media is NOT covered by any consent given to this studio.",
        "cannot_be_determined": "It CANNOT BE DETERMINED whether this media is covered by a consent given to "
                                "this studio.",
        "stripped": "A copy without marks can show who is depicted, but not whether this use of their "
                    "likeness was authorised: a face match is not proof of consent.",
        "facts": "Facts found", "media": "Media", "url": "Seen at", "marks": "Marks",
        "marks_none": "not read in this build", "marks_valid": "valid", "marks_absent": "none found",
        "marks_invalid": "present but not valid (changed after marking, revoked, or not attributable)",
        "faces": "Faces found", "match": "Matches enrolled subject", "no_match": "no enrolled subject",
        "not_searched": "not searched", "consent": "Consent {id}: {state}; covers {cats}",
        "token": "Token {id}: {state}", "signed": "Signed by the studio (Ed25519, key {kid}).",
        "qr": "Scan to check: the statement hash.", "none": "none",
    },
    "zh-CN": {
        "title": "关于争议媒体的声明", "studio": "工作室", "complaint": "投诉",
        "date": "日期", "verdict": "结论", "hash": "声明哈希（SHA-256）",
        "covered": "该媒体在本工作室获得的同意范围之内。",
        "not_covered": "该媒体不在本工作室获得的任何同意范围之内。",
        "cannot_be_determined": "无法确定该媒体是否在本工作室获得的同意范围之内。",
        "stripped": "去除标识的副本可以显示所描绘的人是谁，但不能证明对其肖像的此次使用是否经过授权："
                    "人脸匹配不等于同意的证明。",
        "facts": "查明的事实", "media": "媒体", "url": "发现地址", "marks": "标识",
        "marks_none": "本版本未读取", "marks_valid": "有效", "marks_absent": "未发现",
        "marks_invalid": "存在但无效（标识后被修改、已吊销或无法归属）",
        "faces": "发现的人脸", "match": "与已登记的当事人匹配", "no_match": "无已登记的当事人",
        "not_searched": "未检索", "consent": "同意 {id}：{state}；涵盖 {cats}",
        "token": "凭证 {id}：{state}", "signed": "由工作室签名（Ed25519，密钥 {kid}）。",
        "qr": "扫码核对：声明哈希。", "none": "无",
    },
}


def _consent_facts(conn, subject_id: str) -> list[dict]:
    out = []
    for consent in records.list_consents(conn, subject_id):
        out.append({"consent": consent.id, "state": records.effective_state(consent),
                    "categories": list(consent.remaining_categories), "consented": list(consent.categories),
                    "verified": consent.verified})
    return out


def _token_facts(conn, token_ids: list[str]) -> list[dict]:
    from consent_app.subjects import revoked_tokens

    out = []
    revoked = revoked_tokens(conn, list(token_ids))  # from the signed events (or unverifiable: refused)
    for token_id in token_ids:
        row = conn.execute("SELECT valid_until FROM tokens WHERE id = ?", (token_id,)).fetchone()
        if row is None:
            out.append({"token": token_id, "state": "unknown"})
        elif token_id in revoked:
            out.append({"token": token_id, "state": "revoked"})
        elif clock.parse_iso(row[0]) <= clock.now():
            out.append({"token": token_id, "state": "expired"})
        else:
            out.append({"token": token_id, "state": "valid"})
    return out


def media_verdict(fact: dict, links: list) -> str:
    """The finding for one attachment (see the module docstring)."""
    if any(lk.kind == "usage_receipt" and lk.status == "confirmed" and lk.media_id == fact["media"]
           for lk in links):
        return "covered"
    marks = fact["marks"]
    if marks.get("valid") and any(t["state"] == "valid" for t in fact["tokens"]):
        return "covered"
    if fact["faces"] is None or marks.get("found"):
        return "cannot_be_determined"
    if not fact["matches"]:
        return "not_covered"
    # a copy of someone who once consented to a face edit here may predate a withdrawal: undetermined
    if not any(set(c["consented"]) & FACE_CATEGORIES for m in fact["matches"] for c in m["consents"]):
        return "not_covered"
    return "cannot_be_determined"


def verdict_of(facts: list[dict], links: list, url_only: bool) -> str:
    """One finding for the complaint: the attachments' common finding, else cannot be determined."""
    if url_only or not facts:
        return "cannot_be_determined"
    found = {f["verdict"] for f in facts}
    return found.pop() if len(found) == 1 else "cannot_be_determined"


def build_statement(conn, complaint_id: str) -> dict:
    """Trace the complaint's attachments again (token states are as of now) and make the statement body."""
    complaint = register.get_verified(conn, complaint_id)
    attachments = [media_mod.from_bytes(mi.name, register.attachment_data(conn, complaint_id, mi.id))
                   for mi in complaint.media]
    reports = tracing.trace_all(conn, attachments)
    rejected = {(lk.kind, lk.target) for lk in complaint.links if lk.status == "rejected"}
    facts = []
    for mi, report in zip(complaint.media, reports, strict=True):
        matches = [{**match, "consents": _consent_facts(conn, match["subject"])} for match in report.matches
                   if ("subject", match["subject"]) not in rejected]
        tokens = [lk["target"] for lk in report.links if lk["kind"] == "token"]
        tokens += [lk.target for lk in complaint.links if lk.kind == "token" and lk.status == "confirmed"
                   and lk.media_id == mi.id and lk.target not in tokens]
        fact = {"media": mi.id, "sha256": mi.sha256, "kind": mi.kind, "marks": report.marks,
                "faces": report.faces, "matches": matches, "tokens": _token_facts(conn, tokens)}
        fact["verdict"] = media_verdict(fact, list(complaint.links))
        facts.append(fact)
    verdict = verdict_of(facts, list(complaint.links), url_only=not complaint.media)
    return {"schema": SCHEMA, "statementId": f"urn:uuid:{uuid.uuid4()}", "studio": meta.studio(conn).id,
            "complaint": f"urn:uuid:{complaint_id}", "claim": complaint.claim, "url": complaint.url,
            "verdict": verdict, "faceMatchIsNotConsent": True, "facts": facts, "madeAt": clock.iso()}


def sign(conn, body: dict) -> dict:
    return {"statement": body, "proof": rec.make_proof(body, signing.active_key(conn))}


def render_pdf(conn, signed: dict, language: str = "en") -> bytes:
    from consent_app.consent.receipt import _Doc

    body, proof = signed["statement"], signed["proof"]
    t = TEXT[language]
    studio = meta.studio(conn)
    doc = _Doc(language, t["title"], studio.demo)
    doc.header([(t["studio"], studio.name), (t["complaint"], body["complaint"].removeprefix("urn:uuid:")),
                (t["date"], body["madeAt"]), (t["hash"], proof["hash"])],
               f"consent_app-statement:{proof['hash']}", t["qr"])
    doc.para(t["verdict"], doc.head)
    doc.para(t[body["verdict"]], doc.key)
    doc.para(t["stripped"])
    doc.para(t["facts"], doc.head)
    if body["url"]:
        doc.rows([(t["url"], body["url"])])
    for f in body["facts"]:
        marks = f["marks"]
        mark_text = (t["marks_none"] if not marks.get("checked") else
                     t["marks_valid"] if marks.get("valid") else
                     t["marks_invalid"] if marks.get("found") else t["marks_absent"])
        rows = [(t["media"], f"{f['kind']} sha256 {f['sha256']}"), (t["verdict"], t[f["verdict"]]),
                (t["marks"], mark_text),
                (t["faces"], t["not_searched"] if f["faces"] is None else str(f["faces"]))]
        if f["faces"]:
            rows.append((t["match"], "; ".join(f"{m['subject']} ({m['distance']:.3f} ≤ {m['threshold']})"
                                               for m in f["matches"]) or t["no_match"]))
        for m in f["matches"]:
            for c in m["consents"]:
                rows.append(("", t["consent"].format(id=c["consent"], state=c["state"],
                                                     cats=", ".join(c["categories"]) or t["none"])))
        for tok in f["tokens"]:
            rows.append(("", t["token"].format(id=tok["token"], state=tok["state"])))
        doc.rows(rows)
    doc.para(t["signed"].format(kid=proof["kid"][:16]), doc.small)
    doc.para(f"signatureValue {proof['signatureValue']}", doc.small)
    doc.finish()
    return doc.build(f"{t['title']} {body['complaint']}")


def write_statement(store, complaint_id: str, out, *, language: str = "en", staff: str) -> dict:
    """Build, sign, render and write the statement; record it on the complaint (one transaction)."""
    from consent_app.consent.receipt import write

    with store.read() as conn:
        signed = sign(conn, build_statement(conn, complaint_id))
        pdf = render_pdf(conn, signed, language)
    with store.transaction() as tx:
        write(out, pdf)
        register.record_action(tx, complaint_id, kind="refutation", target=signed["statement"]["statementId"],
                               staff=staff, details={"verdict": signed["statement"]["verdict"],
                                                     "hash": signed["proof"]["hash"], "signed": signed,
                                                     "language": language})
    return {"verdict": signed["statement"]["verdict"], "hash": signed["proof"]["hash"], "signed": signed}
