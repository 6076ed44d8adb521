"""Face/voice bindings when marking, tracing a stripped copy back to the person, and the usage ledger."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from consent_app.cli import main as app_main
from consent_app.marking.cli import mark_main


def _enrol(store, subject_id: str, faces_dir: Path, voices_dir: Path) -> None:
    from consent_app.biometrics import audio
    from consent_app.biometrics.face import records as face_records
    from consent_app.biometrics.face.analysis import encode_single
    from consent_app.biometrics.images import load_image
    from consent_app.biometrics.voice import records as voice_records

    photo = (faces_dir / "obama.jpg").read_bytes()
    sample = encode_single(load_image(photo).rgb)
    clips = sorted((voices_dir / "speakers" / "1688").glob("*.flac"))[:4]
    joined = np.concatenate([audio.load(c.read_bytes(), name=c.name).samples for c in clips])
    recording = audio.Audio(joined.astype(np.float32), 16000, 1, 0.0)
    with store.transaction() as tx:
        face_records.save_enrolment(
            tx, photo, sample.encoding, subject_id=subject_id, session_id=None, actor="admin"
        )
        voice_records.save_enrolment(
            tx,
            voice_records.prepare_enrolment(recording),
            subject_id=subject_id,
            session_id=None,
            actor="admin",
        )


@pytest.fixture(scope="module")
def bound_farm(tmp_path_factory, faces_dir, voices_dir):
    """A farm whose token binds the subject's face and voice (Obama's photo, LibriSpeech speaker 1688)."""
    from markhelpers import make_farm
    from storesupport import ADMIN_PASSWORD, PASSPHRASE, make_store

    tmp = tmp_path_factory.mktemp("bound")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CONSENT_APP_DATA_DIR", str(tmp / "data"))
        mp.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
        mp.setenv("CONSENT_APP_USER", "admin")
        mp.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
        farm = make_farm(
            tmp,
            make_store(tmp / "data"),
            bind=("face", "voice"),
            prepare=lambda store, subject: _enrol(store, subject, faces_dir, voices_dir),
        )
        yield farm


def _jpeg(path: Path) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.open(path).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def test_face_of_someone_else_is_refused_with_8(bound_farm, faces_dir, tmp_path, capsys) -> None:
    src = tmp_path / "fake.jpg"
    src.write_bytes(_jpeg(faces_dir / "biden.jpg"))
    out = tmp_path / "out.jpg"
    assert mark_main(bound_farm.mark_args(src, out)) == 8
    assert "face" in capsys.readouterr().err
    assert not out.exists()


def test_voice_of_someone_else_is_refused_with_8(bound_farm, voices_dir, tmp_path, capsys) -> None:
    clip = sorted((voices_dir / "speakers" / "367").glob("*.flac"))[0]
    src = tmp_path / "clone.flac"
    src.write_bytes(clip.read_bytes())
    out = tmp_path / "out.flac"
    assert mark_main(bound_farm.mark_args(src, out, operation="tts_voice_clone")) == 8
    assert "voice" in capsys.readouterr().err
    assert not out.exists()


@pytest.fixture(scope="module")
def marked_photo(bound_farm, faces_dir, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("photo")
    src = folder / "swap.jpg"
    src.write_bytes(_jpeg(faces_dir / "obama2.jpg"))
    out = folder / "marked.jpg"
    assert mark_main(bound_farm.mark_args(src, out)) == 0
    return out


def test_usage_import_attaches_receipts_and_refuses_bad_ones(
    bound_farm, marked_photo, tmp_path, monkeypatch, capsys
) -> None:
    from storesupport import ADMIN_PASSWORD, PASSPHRASE

    for k, v in {
        "CONSENT_APP_DATA_DIR": str(bound_farm.data_dir),
        "CONSENT_APP_PASSPHRASE": PASSPHRASE,
        "CONSENT_APP_USER": "admin",
        "CONSENT_APP_PASSWORD": ADMIN_PASSWORD,
    }.items():
        monkeypatch.setenv(k, v)
    good = Path(str(marked_photo) + ".usage.jwt")
    text = good.read_text().strip()
    head, body, sig = text.split(".")
    tampered = tmp_path / "tampered.jwt"
    tampered.write_text(f"{head}.{body[:-4]}AAAA.{sig}")
    junk = tmp_path / "junk.jwt"
    junk.write_text("not a receipt")
    capsys.readouterr()
    assert app_main(["usage", "import", str(good), str(tampered), str(junk), "--json"]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [r["ok"] for r in results] == [True, False, False]
    assert results[1]["code"] in ("receipt.signature", "receipt.malformed")
    assert results[2]["code"] == "receipt.malformed"
    # the same receipt twice: refused
    assert app_main(["usage", "import", str(good), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)[0]["code"] == "usage.duplicate"
    assert app_main(["usage", "list", "--subject", bound_farm.subject_id, "--json"]) == 0
    uses = json.loads(capsys.readouterr().out)
    assert len(uses) == 1
    assert uses[0]["operation"] == "face_swap"
    # withdrawing face_swap names the output made under it
    assert (
        app_main(
            [
                "consent",
                "withdraw",
                bound_farm.consent_id,
                "--operations",
                "face_swap",
                "--reason",
                "changed my mind",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "1 output(s) were made under the withdrawn categories" in out
    assert uses[0]["produceId"] in out
    # the subject page lists the use
    from consent_app.store import Store
    from consent_app.subjects import subject_detail

    with Store.open(bound_farm.data_dir, PASSPHRASE) as store, store.read() as conn:
        detail = subject_detail(conn, bound_farm.subject_id)
    assert [u["produceId"] for u in detail.uses] == [uses[0]["produceId"]]
    # and a trace of the marked file now reports the token as revoked (12)
    assert app_main(["trace", str(marked_photo), "--json"]) == 12
    report = json.loads(capsys.readouterr().out)
    assert report["token"]["state"] == "revoked"
    assert report["matches"]["receipts"][0]["method"] == "sha256"


def test_stripped_copy_still_leads_to_the_subject_and_receipt(
    bound_farm, marked_photo, tmp_path, monkeypatch, capsys
) -> None:
    from PIL import Image
    from storesupport import PASSPHRASE

    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(bound_farm.data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    copy = tmp_path / "copy.jpg"
    image = Image.open(marked_photo).convert("RGB")
    image.resize((image.width * 3 // 4, image.height * 3 // 4)).save(copy, "JPEG", quality=70)
    capsys.readouterr()
    assert app_main(["trace", str(copy), "--json"]) == 10
    report = json.loads(capsys.readouterr().out)
    assert [m["subject"] for m in report["matches"]["faces"]] == [bound_farm.subject_id]
    receipts = report["matches"]["receipts"]
    if receipts:  # imported by the previous test when run in order
        assert receipts[0]["method"] == "perceptual hash"


def test_trace_text_names_the_match_in_words(bound_farm, marked_photo, tmp_path, monkeypatch, capsys) -> None:
    """`consent-app trace FILE` without --json: one sentence per finding, never a Python dict."""
    from PIL import Image
    from storesupport import PASSPHRASE

    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(bound_farm.data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    copy = tmp_path / "copy-text.jpg"
    Image.open(marked_photo).convert("RGB").save(copy, "JPEG", quality=80)
    capsys.readouterr()
    assert app_main(["trace", str(copy)]) == 10
    out = capsys.readouterr().out
    assert f"face matches enrolled subject {bound_farm.subject_id}" in out
    assert "{" not in out
    assert "match (" not in out


def test_stripped_audio_still_leads_to_the_speaker(
    bound_farm, voices_dir, tmp_path, monkeypatch, capsys
) -> None:
    from storesupport import PASSPHRASE

    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(bound_farm.data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    clip = sorted((voices_dir / "speakers" / "1688").glob("*.flac"))[6]
    copy = tmp_path / "clone.flac"
    copy.write_bytes(clip.read_bytes())
    capsys.readouterr()
    assert app_main(["trace", str(copy), "--json"]) == 10
    report = json.loads(capsys.readouterr().out)
    assert [m["subject"] for m in report["matches"]["voices"]] == [bound_farm.subject_id]


def test_video_frames_checked_against_the_face_binding(bound_farm, shared_dir, tmp_path, capsys) -> None:
    """The shared clip shows other people than the bound subject: refused with 8, nothing written."""
    clip = shared_dir / "faces" / "short_hamilton_clip.mp4"
    src = tmp_path / "clip.mp4"
    src.write_bytes(clip.read_bytes())
    out = tmp_path / "out.mp4"
    assert mark_main(bound_farm.mark_args(src, out)) == 8
    assert not out.exists()


def test_video_of_the_subject_marks_and_a_reencoded_copy_leads_back(
    bound_farm, faces_dir, tmp_path, monkeypatch, capsys
) -> None:
    import av
    from PIL import Image
    from storesupport import PASSPHRASE

    face = Image.open(faces_dir / "obama-480p.jpg").convert("RGB")
    face = face.resize((face.width & ~1, face.height & ~1))
    src = tmp_path / "swap.mp4"
    with av.open(str(src), "w") as c:
        v = c.add_stream("libopenh264", rate=5)
        v.width, v.height, v.pix_fmt = face.width, face.height, "yuv420p"
        for n in range(10):
            frame = av.VideoFrame.from_image(face)
            frame.pts = n
            for p in v.encode(frame):
                c.mux(p)
        for p in v.encode(None):
            c.mux(p)
    out = tmp_path / "marked.mp4"
    assert mark_main(bound_farm.mark_args(src, out, "--json")) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["checks"]["face"]["match"]
    assert len(result["phash"]) == 2  # one per second
    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(bound_farm.data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    copy = tmp_path / "copy.mp4"
    with av.open(str(out)) as inp, av.open(str(copy), "w") as outp:
        vin = inp.streams.video[0]
        v = outp.add_stream("libopenh264", rate=5, options={"b": "300k"})
        v.width, v.height, v.pix_fmt = vin.width, vin.height, "yuv420p"
        for frame in inp.decode(vin):
            frame.pts = None
            for p in v.encode(frame):
                outp.mux(p)
        for p in v.encode(None):
            outp.mux(p)
    assert app_main(["trace", str(copy), "--json"]) == 10
    report = json.loads(capsys.readouterr().out)
    assert [m["subject"] for m in report["matches"]["faces"]] == [bound_farm.subject_id]
