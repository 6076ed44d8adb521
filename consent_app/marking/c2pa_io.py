"""The C2PA manifest: built, signed with the tool's certificate, and read back (c2pa-python).

Everything else (labels, AIGC metadata) is written before signing: any byte changed after signing
makes the manifest invalid. Reading is offline (no remote manifest fetch) and trusts only the
studio's root when one is given.
"""

from __future__ import annotations

import io
import json
import re
from functools import lru_cache

from consent_app.messages import define

MESSAGES = define({"mark.c2pa_failed": "the C2PA manifest could not be signed: {detail}"})

CONSENT_LABEL = "org.consent-app.consent"  # no .vN suffix: C2PA would read it as a version
TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
COMPOSITE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
GENERATOR = {"name": "consent-mark", "version": "0.1.0"}
#: validation codes saying the hard binding (the hash of every byte outside the manifest) matched
HARD_BINDING_MATCH = {"assertion.dataHash.match", "assertion.bmffHash.match", "assertion.boxesHash.match"}
_HEX64 = re.compile(r"[0-9a-f]{64}")


@lru_cache(maxsize=8)
def _context(root_pem: str | None):
    """A c2pa Context (offline; trusting only ``root_pem`` when given), made once per root."""
    import c2pa

    settings: dict = {
        "verify": {"remote_manifest_fetch": False, "verify_trust": root_pem is not None},
        "builder": {"thumbnail": {"enabled": False}},
    }
    if root_pem is not None:
        settings["trust"] = {"user_anchors": root_pem}
    return c2pa.Context.from_dict(settings)


def _actions(action: str, consent: dict) -> list[dict]:
    """C2PA wants ``c2pa.created`` (or ``opened``) first; an edit of sources follows as ``c2pa.edited``."""
    params = {"operation": consent.get("operation", ""), "produceId": consent.get("produceId", "")}
    actions = [
        {
            "action": "c2pa.created",
            "digitalSourceType": TRAINED,
            "softwareAgent": GENERATOR,
            "parameters": params,
        }
    ]
    if action == "c2pa.edited":
        actions.append(
            {
                "action": "c2pa.edited",
                "digitalSourceType": COMPOSITE,
                "softwareAgent": GENERATOR,
                "parameters": params,
            }
        )
    return actions


def manifest(title: str, fmt_mime: str, action: str, consent: dict, ingredients: list[dict]) -> dict:
    return {
        "claim_generator_info": [GENERATOR],
        "title": title,
        "format": fmt_mime,
        "ingredients": [
            {
                "title": i["title"],
                "format": i.get("format", "application/octet-stream"),
                "relationship": "inputTo",
                "instance_id": f"sha256:{i['sha256']}",
            }
            for i in ingredients
        ],
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": _actions(action, consent)}},
            {"label": CONSENT_LABEL, "data": consent},
        ],
    }


def sign(data: bytes, mime: str, manifest_def: dict, chain_pem: bytes, key_pem: bytes) -> bytes:
    import c2pa

    from consent_app.marking.errors import MarkError

    try:
        return _sign(data, mime, manifest_def, chain_pem, key_pem)
    except c2pa.C2paError as exc:
        raise MarkError(2, code="mark.c2pa_failed", detail=str(exc).splitlines()[0][:200]) from None


def _sign(data: bytes, mime: str, manifest_def: dict, chain_pem: bytes, key_pem: bytes) -> bytes:
    import c2pa

    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(b"ed25519", chain_pem, key_pem, None))
    try:
        builder = c2pa.Builder(manifest_def, context=_context(None))
        try:
            out = io.BytesIO()
            builder.sign(signer, mime, io.BytesIO(data), out)
            return out.getvalue()
        finally:
            builder.close()
    finally:
        signer.close()


def read(data: bytes, mime: str, root_pem: str | None, *, leaf: bool = False) -> dict | None:
    """``{"state", "manifest", "results"}`` of the active manifest, or None when there is none; with
    ``leaf``, also ``leaf_sha256``: the fingerprint of the certificate that signed it (``c2pa_signer``)."""
    import c2pa

    try:
        reader = c2pa.Reader.try_create(mime, io.BytesIO(data), None, _context(root_pem))
    except c2pa.C2paError as exc:
        if b"c2pa" not in data:  # no JUMBF manifest store at all: a damaged file, not a damaged manifest
            return None
        return {"state": "Invalid", "manifest": None, "results": {}, "error": str(exc)[:200]}
    if reader is None:
        return None
    try:
        store = json.loads(reader.json())
        active = store.get("active_manifest")
        signer = None
        if leaf and active:
            from consent_app.marking import c2pa_signer

            signer = c2pa_signer.leaf_fingerprint(reader, active)
    finally:
        reader.close()
    return {
        "state": store.get("validation_state"),
        "manifest": (store.get("manifests") or {}).get(active) if active else None,
        "results": store.get("validation_results") or {},
        "store": store,
        "leaf_sha256": signer,
    }


def assertion(manifest_json: dict | None, label: str) -> dict | None:
    for a in (manifest_json or {}).get("assertions", []):
        if a.get("label") == label:
            return a.get("data")
    return None


UNTRUSTED = "signingCredential.untrusted"  # a valid signature by a certificate no anchor issued


def failures(results: dict) -> list[str]:
    active = (results or {}).get("activeManifest") or {}
    return [f.get("code", "?") for f in active.get("failure", [])]


def vouched_content_hash(c2: dict | None, serial: int, name: str) -> str | None:
    """The content hash stated by the active manifest's consent assertion, when it stands for hashing
    the file again: the manifest validated against the studio's anchors (Trusted, no failure), its
    hard binding matched (no byte outside the manifest changed since it was signed, and the content
    hash covers none of the manifest's), and it was signed by the certificate with ``serial`` and
    common name ``name`` (the tool whose AIGC label is checked: another tool's word is never taken).
    None otherwise."""
    if c2 is None or c2.get("state") != "Trusted" or failures(c2.get("results")):
        return None
    active = (c2.get("results") or {}).get("activeManifest") or {}
    if not any(s.get("code") in HARD_BINDING_MATCH for s in active.get("success", [])):
        return None
    manifest = c2.get("manifest") or {}
    signer = manifest.get("signature_info") or {}
    if signer.get("cert_serial_number") != str(serial) or signer.get("common_name") != name:
        return None
    value = (assertion(manifest, CONSENT_LABEL) or {}).get("contentHash")
    return value if isinstance(value, str) and _HEX64.fullmatch(value) else None
