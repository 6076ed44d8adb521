"""The core's coded messages reach the UI in its language: catalogue, wording of parameters, errors."""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from consent_app import messages
from consent_app.errors import InputError, PolicyError
from consent_app.messages import Message

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "consent_app_zh_CN.ts"
HOW = ("run `python resources/i18n/update_translations.py`, then give each its 简体中文 translation in "
       "resources/i18n/consent_app_zh_CN.ts (context core; the code is the comment) and run the script again")

TEST_TEMPLATES = {
    "testwords.outer": "cannot go on: {problems}",
    "testwords.inner": "the {what} is missing",
    "testwords.category": "{category} needs a face check ({distance:.3f})",
}


@pytest.fixture
def test_templates(monkeypatch):
    """Templates for these tests only (registered for the test, gone after it)."""
    for code, text in TEST_TEMPLATES.items():
        monkeypatch.setitem(messages._TEMPLATES, code, text)


def _tools():
    sys.path.insert(0, str(ROOT / "resources" / "i18n"))
    try:
        import update_translations as ut
    finally:
        sys.path.pop(0)
    return ut


def _catalogue() -> dict[str, tuple[str, str, bool]]:
    return _tools().core_translations(TS)


def test_every_core_message_code_has_a_zh_cn_translation():
    templates = messages.load_all()
    have = _catalogue()
    missing = sorted(c for c in templates if c not in have or not have[c][2])
    assert not missing, f"core message codes without a 简体中文 translation: {', '.join(missing)}; {HOW}"
    changed = sorted(c for c in templates if have[c][0] != templates[c])
    assert not changed, f"English templates changed since they were translated: {', '.join(changed)}; {HOW}"


def test_translations_use_the_same_parameters_as_their_template():
    templates = messages.load_all()
    wrong = [f"{code}: {text!r}" for code, (source, text, finished) in _catalogue().items()
             if finished and code in templates
             and messages.placeholders(text) != messages.placeholders(templates[code])]
    assert not wrong, "translations naming other parameters than the template:\n" + "\n".join(wrong)


def test_the_catalogue_keeps_translations_and_flags_changed_templates(tmp_path):
    ut = _tools()
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  '<TS version="2.1" language="zh_CN">\n</TS>\n', encoding="utf-8")
    ut.merge_core(ts, {"a.same": "same {x}", "a.changed": "new text", "a.new": "brand new"},
                  {"a.same": ("same {x}", "相同 {x}", True), "a.changed": ("old text", "旧", True)})
    found = ut.core_translations(ts)
    assert found["a.same"] == ("same {x}", "相同 {x}", True)
    assert found["a.changed"] == ("new text", "旧", False)  # the old translation stays as a hint
    assert found["a.new"] == ("brand new", "", False)
    assert sorted(ut.unfinished(ts)) == ["core a.changed: new text", "core a.new: brand new"]
    ut.merge_core(ts, {"a.same": "same {x}"}, ut.core_translations(ts))  # a removed code goes away
    assert list(ut.core_translations(ts)) == ["a.same"]
    assert ET.parse(ts).getroot().tag == "TS"


def test_english_text_of_nested_messages_and_lists(test_templates):
    msg = Message("testwords.outer", {"problems": [Message("testwords.inner", {"what": "ID"}),
                                                   Message("testwords.inner", {"what": "face"})]})
    assert str(msg) == "cannot go on: the ID is missing; the face is missing"
    assert msg.as_dict()["params"]["problems"][0] == {"code": "testwords.inner", "params": {"what": "ID"},
                                                      "message": "the ID is missing"}
    assert str(PolicyError(code="testwords.outer", problems=["a", "b"])) == "cannot go on: a, b"


def test_a_coded_error_crosses_the_helper_process_intact(test_templates):
    """The capture helper sends errors back pickled: code, parameters and nested messages survive."""
    import pickle

    from consent_app.biometrics.face.errors import NoFaceError
    from consent_app.ui.capture.helper_frames import rebuild

    inner = Message("testwords.inner", {"what": "ID"})
    exc = NoFaceError("ID document: no portrait", coded=Message("testwords.outer", {"problems": [inner]}))
    state = pickle.loads(pickle.dumps(("m", "q", exc.message, dict(vars(exc)))))
    back = rebuild(type(exc).__module__, type(exc).__qualname__, state[2], state[3])
    assert type(back) is NoFaceError
    assert back.code == "no_face"
    assert back.as_message() == exc.as_message()
    assert str(back.as_message()) == "cannot go on: the ID is missing"


@pytest.fixture
def chinese(qapp):
    from consent_app.ui import i18n

    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


@pytest.fixture
def zh_template(monkeypatch, test_templates):
    """Pretend the catalogue translates the test templates (the real catalogue is checked above)."""
    from consent_app.ui import core_words

    fake = {"testwords.outer": "无法继续：{problems}", "testwords.inner": "缺少{what}",
            "testwords.category": "{category}需要人脸核验（{distance:.3f}）"}
    real = core_words.template_text
    monkeypatch.setattr(core_words, "template_text", lambda code: fake.get(code) or real(code))


def test_a_coded_message_is_worded_in_chinese_with_its_parameters(chinese, zh_template):
    from consent_app.ui.core_words import word
    from consent_app.ui.words import category_label

    nested = Message("testwords.outer", {"problems": [Message("testwords.inner", {"what": "照片"}),
                                                      Message("testwords.inner", {"what": "签名"})]})
    assert word(nested) == "无法继续：缺少照片；缺少签名"
    assert word(Message("testwords.category", {"category": "face_swap", "distance": 0.4567})) \
        == category_label("face_swap") + "需要人脸核验（0.457）"
    assert "人脸替换" in category_label("face_swap")


def test_error_text_words_coded_core_errors_from_the_real_catalogue(chinese):
    from consent_app.ui.common import error_text

    code, (source, text, _finished) = next(iter(sorted(_catalogue().items())))
    params = {name: "X" for name in messages.placeholders(source)}
    shown = error_text(InputError(code=code, **params))
    assert shown == messages.render(text, params)
    assert shown != messages.render(source, params)
    assert error_text(InputError("an uncoded error")) == "an uncoded error"  # English until converted
    assert error_text(ValueError("boom")) == "ValueError: boom"


def test_an_untranslated_template_shows_in_english_not_as_a_code(chinese, test_templates):
    from consent_app.ui.core_words import word

    assert word(Message("testwords.inner", {"what": "ID"})) == "the ID is missing"
    assert word(Message("testwords.never_defined")) == "testwords.never_defined"


def test_capture_gate_errors_are_worded_in_chinese(chinese):
    """A failed voice gate and a face without a portrait reach the staff in the UI's language."""
    import numpy as np

    from consent_app.biometrics.audio import from_float
    from consent_app.biometrics.face.errors import NoFaceError
    from consent_app.biometrics.voice import quality
    from consent_app.ui.common import error_text

    with pytest.raises(quality.VoiceQualityError) as info:
        quality.require(from_float(np.zeros(16_000 * 3, dtype=np.float32), 16_000), quality.MIN_SPEECH_PROBE)
    assert info.value.problem == "silent"
    assert "silent" in str(info.value)  # English for the CLI
    assert "静音" in error_text(info.value)
    no_portrait = NoFaceError("ID document: no portrait found", coded=Message("face.no_portrait"))
    assert "人像" in error_text(no_portrait)


def test_liveness_failures_are_worded_in_chinese(chinese):
    """A still photo in front of the camera: the step that timed out and the stillness, in Chinese (also
    from the plain JSON the result keeps); a liveness action named in a reason (``step``) by its name."""
    from consent_app.biometrics.face.liveness import Challenge, LivenessChecker, LivenessResult
    from consent_app.ui.core_words import word

    still = Message("liveness.face_still", {"reason": Message("liveness.no_turn_left", {"seconds": 8.0})})
    shown = word(still)
    assert shown == "8 秒内未检测到向左转头；人脸全程没有任何动作（可能是照片或静止画面）"
    plain = LivenessResult(["turn_left"], "n", False, str(still), [], 0.0, 8.0, 240, 240,
                           code=still.code, params=dict(still.params)).to_dict()
    assert word(Message(plain["code"], plain["params"])) == shown
    assert word(Message("liveness.step_not_compared", {"step": "blink", "index": 2})) \
        == "步骤 眨眼 没有任何一帧能与已采集的人脸进行比对"
    checker = LivenessChecker(Challenge(("nod",), "n"))
    checker.feed(0.0, None, face_count=0)
    result = checker.finish()
    assert word(Message(result.code, result.params)).startswith("未检测到可用的人脸")


def test_token_file_receipt_camera_and_store_errors_are_worded_in_chinese(chinese, tmp_path):
    """Errors raised by the real core where the UI shows them: a token's folder, a receipt's name, a camera
    that cannot be opened or stops, a missing store, a restore of a missing backup."""
    from consent_app.biometrics.face.errors import CameraError
    from consent_app.biometrics.face.sources import CameraSource
    from consent_app.consent import receipt
    from consent_app.errors import ConsentAppError
    from consent_app.store import Store
    from consent_app.tokens.files import check_writable
    from consent_app.ui.common import error_text

    class NoCamera:
        def isOpened(self):
            return False

        def release(self):
            pass

    class DeadCamera(NoCamera):
        def isOpened(self):
            return True

        def read(self):
            return False, None

    def shown(call) -> tuple[str, str]:
        with pytest.raises(ConsentAppError) as info:
            call()
        return str(info.value), error_text(info.value)

    english, worded = shown(lambda: check_writable(tmp_path / "missing" / "token.jwt"))
    assert "does not exist" in english
    assert worded == f"无法写入 {tmp_path / 'missing' / 'token.jwt'}：文件夹 {tmp_path / 'missing'} 不存在"
    from consent_app.ui.core_words import word

    # the operating system's reason inside a coded sentence is worded too (root can write anywhere: the
    # real refusal is checked only as another user)
    assert word(Message("file.unwritable", {"path": "/x.pdf", "reason": "Permission denied"})) \
        == "无法写入 /x.pdf（权限不足）"
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        english, worded = shown(lambda: receipt.write(locked / "receipt.pdf", b"%PDF"))
        assert english.endswith("(Permission denied)")
        assert worded.endswith("（权限不足）")
    english, worded = shown(lambda: receipt.write(tmp_path / "receipt.txt", b"%PDF"))
    assert worded.endswith("：回执是 PDF 文件，文件名须以 .pdf 结尾")
    english, worded = shown(lambda: CameraSource(0, capture_factory=lambda _i: NoCamera()))
    assert english == "camera 0 cannot be opened (not connected, or in use by another program)"
    assert worded == "无法打开摄像头 0（未连接，或正被其他程序占用）"
    camera = CameraSource(1, capture_factory=lambda _i: DeadCamera(), retries=0)
    with pytest.raises(CameraError) as lost:
        camera.read()
    assert "在第一帧之前停止输出画面" in error_text(lost.value)
    english, worded = shown(lambda: Store.open(tmp_path / "empty", "passphrase"))
    assert worded == f"{tmp_path / 'empty'} 中没有 consent_app 存储（请先运行 `consent-app init`）"
