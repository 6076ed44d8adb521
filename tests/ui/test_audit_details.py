"""An audit entry's details worded in the UI's language, the recorded JSON kept one click away."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from consent_app import audit, audit_fields, messages

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
CONSENT = "6f1c2a9e-0d4b-4e55-9a51-1f5e3c7d2b90"
TOKEN = "urn:uuid:0b7e5b8c-6c33-4f0e-8f2a-2c9d8e7f6a51"


@pytest.fixture
def chinese(qapp):
    from consent_app.ui import i18n

    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def _actions_audited_by_the_core() -> set[str]:
    """Every action literal passed to ``audit.append`` in the core (``face.sample.{kind}`` expanded)."""
    from consent_app.biometrics.face.records import SAMPLE_KINDS

    found = set()
    for path in (ROOT / "consent_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "append"
                    and getattr(node.func.value, "id", None) == "audit" and len(node.args) >= 3):
                strings = [c.value for c in ast.walk(node.args[2]) if isinstance(c, ast.Constant)]
                found |= {v for v in strings if isinstance(v, str) and "." in v}
    found.discard("face.sample.")
    return found | {f"face.sample.{kind}" for kind in SAMPLE_KINDS} | {"consent.event"}


def test_every_audited_action_and_target_kind_has_a_name():
    messages.load_all()
    actions = _actions_audited_by_the_core()
    assert len(actions) > 40
    assert [a for a in sorted(actions) if audit.action_message(a) is None] == []


def test_the_consent_entry_is_worded_in_chinese(chinese):
    from consent_app.ui.audit_details import EntryDetails, summary
    from consent_app.ui.words import category_label

    details = {"subject_id": "4d0e8c1a-77f2-4c0b-b7de-0a3d5e6f7a8b", "session_id": "s-1", "categories":
               ["face_swap", "tts_voice_clone"], "valid_from": "2026-11-30T01:02:03Z",
               "valid_until": "2027-11-30T01:02:03Z", "record_hash": "ab" * 32, "kid": "k-2026-11-30",
               "terms_version": "2026-01", "language": "zh-CN", "demo": True, "commitments": ["name"],
               "surprise": {"x": 1}}
    pane = EntryDetails()
    pane.show_entry((7, "2026-11-30T01:02:03.123456Z", "admin", "consent.create", f"consent:{CONSENT}",
                     details))
    assert pane.title.text() == "第 7 条：记录同意"
    rows = {name: (value, tip) for name, value, tip in pane.rows()}
    assert rows["对象："] == (f"同意书 {CONSENT[:8]}…", f"consent:{CONSENT}")
    assert rows["授权类别："][0] == f"{category_label('face_swap')}、{category_label('tts_voice_clone')}"
    assert rows["当事人："] == ("4d0e8c1a…", "4d0e8c1a-77f2-4c0b-b7de-0a3d5e6f7a8b")  # short, full on hover
    assert rows["记录哈希："] == ("abababab…", "ab" * 32)
    assert rows["生效时间："][0] == "2026-11-30 01:02:03 UTC"
    assert rows["语言："][0] == "简体中文"
    assert rows["演示："][0] == "是"
    assert rows["已绑定的身份信息："][0] == "姓名"
    assert rows["surprise："][0] == "x：1"  # an unknown field: key and value as recorded
    line = summary("consent.create", details)
    assert line.startswith("当事人：4d0e8c1a…；采集会话：s-1；授权类别：")
    # the recorded entry stays available, exactly
    assert pane.raw.isHidden()
    pane.show_raw.setChecked(True)
    assert not pane.raw.isHidden()
    assert json.loads(pane.raw.toPlainText())["details"] == details
    assert json.loads(pane.copy())["target"] == f"consent:{CONSENT}"


def test_states_events_coded_problems_and_results_are_worded(chinese):
    from consent_app.ui import complaint_words
    from consent_app.ui.audit_details import summary, worded
    from consent_app.ui.words import state_label

    def values(action, details):
        return {name: value for name, value, _tip in worded(action, details)}

    withdraw = values("consent.withdraw", {"categories": ["face_swap"], "remaining": [],
                                           "state": "partially_withdrawn", "revoked_tokens": [TOKEN]})
    assert withdraw["状态"] == state_label("partially_withdrawn")
    assert withdraw["剩余类别"] == "—"
    assert withdraw["已撤销的令牌"] == "0b7e5b8c…"
    record = worded("consent.create", {"record_hash": "sha256:" + "c" * 64})[0]
    assert record[1:] == ("cccccccc…", "sha256:" + "c" * 64)  # shortened past its scheme, full on hover
    event = values("consent.event", {"type": "withdrawal", "token": None})
    assert event == {"类型": "撤回同意", "令牌": "—"}
    assert values("auth.login_failed", {"reason": "wrong password", "attempt": 2}) == \
        {"理由": "密码错误", "第几次尝试": "2"}
    assert values("face.liveness", {"challenge": ["blink", "turn_left"], "passed": False}) == \
        {"挑战动作": "眨眼 → 向左转头", "通过": "否"}
    assert values("complaint.transition", {"from": "received", "state": "acknowledged"}) == \
        {"起始": complaint_words.state("received"), "状态": complaint_words.state("acknowledged")}
    assert complaint_words.state("received") != "Received"
    override = values("session.identity_override", {
        "reason": "摄像头故障", "problems": ["the liveness challenge has not been done"],
        "problem_codes": [{"code": "session.liveness_not_done", "params": {}}]})
    assert override["理由"] == "摄像头故障"  # typed by staff: as typed
    assert "liveness" not in override["问题"]
    assert "活体" in override["问题"]
    english = "status_list failed after 3 attempt(s): disk full"
    duty = values("duty.failed", {"attempts": 3, "message": english,
                                  "code": "duty.failed", "params": {
                                      "duty": "status_list", "attempts": 3,
                                      "reason": {"code": "duty.disk_full", "params": {"path": "/srv/x"}}}})
    assert set(duty) == {"尝试次数", "结果"}  # the coded result replaces its English message
    assert "状态列表" in duty["结果"]
    assert not any(c.isascii() and c.isalpha() for c in duty["结果"].replace("/srv/x", ""))
    restored = values("store.restore", {"backup_head": {"count": 12, "head": "f" * 64}, "forced": False})
    assert restored["备份的审计日志头"] == "共 12 条，日志头 ffffffff…"
    assert "：" in summary("store.restore", {"forced": True})


def test_core_fields_all_have_names_and_known_kinds():
    kinds = {"id", "hash", "categories", "consent_state", "session_step", "actions", "bool", "time", "number",
             "text", "message", "messages", "head", "raw", "complaint_state", "complaint_claim",
             "complaint_role", "complaint_link", "complaint_link_status", "asr"}
    special = {key: kind for (_action, key), kind in audit_fields.ACTION_KINDS.items()}
    for key, kind in {**audit_fields.KINDS, **special}.items():
        assert kind in kinds or kind.startswith("value:"), (key, kind)
        assert messages.template(f"audit.field.{key.lower()}") is not None, key


def test_the_audit_view_shows_the_selected_entry(qtbot, make_shell, store, chinese):
    from uihelpers import sign_in

    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(1)
    view = main.view(1)
    qtbot.waitUntil(lambda: view.model.rowCount() > 3, timeout=60000)
    assert view.details.rows() == []
    assert view.select_entry("store.init")
    qtbot.waitUntil(lambda: bool(view.details.rows()), timeout=60000)
    rows = {name: value for name, value, _tip in view.details.rows()}
    assert rows["密钥保护方式："] == "密码短语"
    assert view.details.title.text().endswith("：创建工作室")
    studio_row = next(r for r in range(view.model.rowCount()) if view.model.keys[r][3] == "store.init")
    assert view.model.rows[studio_row][5] == "演示：否；密钥保护方式：密码短语；工作室名称：Test Studio"


def test_the_cores_own_revocation_reasons_and_older_entries(chinese):
    """A revocation reason the core wrote is worded; one typed by staff shows as typed; a duty result
    recorded before results kept their parameters shows its recorded English rather than a broken sentence."""
    from consent_app.ui.audit_details import worded

    def values(action, details):
        return {name: value for name, value, _tip in worded(action, details)}

    assert values("token.revoke", {"reason": "consent withdrawn", "cause": "withdrawal"}) == \
        {"理由": "同意已撤回", "原因类型": "已撤回同意"}
    assert values("token.revoke", {"reason": "泄露风险"})["理由"] == "泄露风险"
    erased = values("token.revoke", {"reason": "biometric data erased: 本人要求"})
    assert erased["理由"] == "生物特征数据已删除：本人要求"
    asr = values("voice.statement", {"asr": "unavailable for zh-CN"})
    assert asr["语音识别"] == "没有适用于 zh-CN 的语音识别器"
    old = values("duty.failed", {"attempts": 3, "code": "duty.failed", "message": "backup failed after 3"})
    assert old["结果"] == "backup failed after 3"


def test_find_matches_the_words_shown_as_well_as_what_was_recorded(qapp, store, chinese):
    from consent_app.ui.audit_view import load_entries

    with store.read() as conn:
        by_name, worded = load_entries(conn, "创建工作室")  # the action's name in the UI's language
        by_field, _ = load_entries(conn, "密码短语")  # a value worded from the recorded "passphrase"
        by_code, _ = load_entries(conn, "store.init")  # the recorded code still matches
        nothing, _ = load_entries(conn, "没有这样的记录")
    assert [r[3] for r in by_name] == ["store.init"]
    assert worded[0][3] == "创建工作室"  # worded on the worker: the GUI thread only draws
    assert "store.init" in {r[3] for r in by_field}
    assert [r[3] for r in by_code] == ["store.init"]
    assert nothing == []
