"""The marking a generated output must carry: the explicit label and implicit metadata.

The implicit part comes in two ready-to-write shapes:

* ``gb45438``: the ``AIGC`` metadata fields of GB 45438-2025 (Label, ContentProducer, ProduceID,
  ReservedCode1, ContentPropagator, PropagateID, ReservedCode2). ``ProduceID`` is the tool's
  own id for the output and is left for the tool to fill; ``ReservedCode1`` carries the consent
  reference.
* ``c2pa``: assertions for a C2PA manifest: a ``c2pa.actions.v2`` entry saying a trained
  algorithm edited the media, and a ``org.consent-app.consent`` assertion with the references.
"""

from __future__ import annotations

from consent_app.verify.claims import Claims

C2PA_CONSENT_LABEL = "org.consent-app.consent"
IPTC_ALGORITHMIC = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"


def consent_reference(claims: Claims) -> str:
    """Compact reference string: ``consent=<id>;token=<id>;studio=<id>``."""
    return f"consent={claims.consent_id};token={claims.token_id};studio={claims.issuer_id}"


def marking_for(claims: Claims, operation: str | None = None) -> dict:
    """Everything a generation tool writes into its output for this token."""
    references = {
        "consentId": claims.consent_id,
        "tokenId": claims.token_id,
        "studio": {"id": claims.issuer_id, "name": claims.issuer_name},
        "demo": claims.demo,
    }
    return {
        "label": claims.marking,
        "implicit": references,
        "gb45438": {
            "AIGC": {
                "Label": "1",
                "ContentProducer": claims.issuer_name,
                "ProduceID": "",
                "ReservedCode1": consent_reference(claims),
                "ContentPropagator": "",
                "PropagateID": "",
                "ReservedCode2": "",
            }
        },
        "c2pa": [
            {
                "label": "c2pa.actions.v2",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.edited",
                            "digitalSourceType": IPTC_ALGORITHMIC,
                            "parameters": {"operation": operation or "", "label": claims.marking},
                        }
                    ]
                },
            },
            {
                "label": C2PA_CONSENT_LABEL,
                "data": {
                    **references,
                    "operations": list(claims.operations),
                    "label": claims.marking,
                },
            },
        ],
    }
