# ruff: noqa: E501 - the Chinese texts read better unbroken
"""The studio's complaint procedure, for its website (English / 简体中文; HTML or Markdown).

Channels come from the setting ``complaints.channels`` (a list of lines, e.g. an e-mail address, a web form
address, a postal address); time limits from the deadline settings the register enforces.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from consent_app import settings
from consent_app.complaints import register
from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.store import meta

MESSAGES = define({
    "complaint.procedure_no_folder": "{folder}: no such folder",
    "complaint.procedure_cannot_write": "cannot write {path}: {reason}",
})

SETTING_CHANNELS = "complaints.channels"

TEXT = {
    "en": {
        "title": "How to complain to {studio}",
        "intro": "{studio} makes and edits synthetic faces and voices only with the separate consent of the "
                 "person concerned, and marks every output. If you think an image, video or recording was "
                 "made or used without consent, beyond what was agreed, after consent was withdrawn, without "
                 "its label, or for a prohibited purpose, tell us.",
        "channels": "Where to complain", "no_channels": "Ask the studio's staff in person.",
        "what": "What to send",
        "what_items": ["the media itself (image, video or audio file) or the address where you saw it",
                       "what you think is wrong", "how we can reach you",
                       "whether you are the person shown, someone else, or a tool maker"],
        "limits": "What happens and when",
        "limit_items": ["We acknowledge your complaint within {ack} day(s).",
                        "We trace the media (its marks and, where needed, a comparison with the people who "
                        "consented) and decide within {res} day(s) of receiving it.",
                        "If the media is not covered by a consent given to us, we say so in a signed statement; "
                        "where it is, we tell you what the consent covers.",
                        "Where consent was missing or withdrawn we stop the use, revoke the permissions and "
                        "tell you what we did."],
        "note": "A copy with its marks removed can show who is depicted, but not whether the use was "
                "authorised; we say so when that is all we can establish.",
    },
    "zh-CN": {
        "title": "如何向{studio}投诉",
        "intro": "{studio}仅在取得当事人单独同意后才合成或编辑人脸和声音，并对每个输出进行标识。如果您认为某个图像、视频或录音"
                 "未经同意、超出同意范围、在撤回同意后、未带标识或出于禁止的目的被制作或使用，请告诉我们。",
        "channels": "投诉渠道", "no_channels": "请当面联系工作室工作人员。",
        "what": "请提供",
        "what_items": ["媒体本身（图像、视频或音频文件）或您看到它的网址", "您认为存在的问题", "联系方式",
                       "您是画面中的当事人、其他人，还是工具开发者"],
        "limits": "处理流程和时限",
        "limit_items": ["我们在 {ack} 天内确认收到您的投诉。",
                        "我们会追溯该媒体（其标识，必要时与已同意的当事人进行比对），并在收到投诉后 {res} 天内作出处理决定。",
                        "如果该媒体不在我们获得的同意范围之内，我们会出具签名声明予以说明；如果在范围之内，我们会告知同意涵盖的内容。",
                        "如果缺少同意或同意已被撤回，我们会停止使用、吊销授权，并告知您所采取的措施。"],
        "note": "去除标识的副本可以显示所描绘的人是谁，但不能证明使用是否经过授权；如果我们只能确认这一点，会如实说明。",
    },
}


def render(conn, *, language: str = "en", fmt: str = "html") -> str:
    t = TEXT[language]
    studio = meta.studio(conn).name
    ack, res = register.deadline_days(conn)
    channels = [str(c) for c in settings.get(conn, SETTING_CHANNELS, []) or []]
    sections = [
        (t["channels"], channels or [t["no_channels"]]),
        (t["what"], t["what_items"]),
        (t["limits"], [item.format(ack=ack, res=res) for item in t["limit_items"]]),
    ]
    title, intro = t["title"].format(studio=studio), t["intro"].format(studio=studio)
    if fmt == "md":
        lines = [f"# {title}", "", intro, ""]
        for head, items in sections:
            lines += [f"## {head}", "", *[f"- {i}" for i in items], ""]
        return "\n".join([*lines, t["note"], ""])
    lang = "zh-Hans" if language == "zh-CN" else "en"
    parts = [f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
             f"</head><body>", f"<h1>{escape(title)}</h1>", f"<p>{escape(intro)}</p>"]
    for head, items in sections:
        parts.append(f"<h2>{escape(head)}</h2><ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    parts.append(f"<p>{escape(t['note'])}</p></body></html>\n")
    return "\n".join(parts)


def write(path, text: str) -> None:
    from consent_app.store.atomic import atomic_write_bytes

    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(code="complaint.procedure_no_folder", folder=str(target.parent))
    try:
        atomic_write_bytes(target, text.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise InputError(code="complaint.procedure_cannot_write", path=str(target),
                         reason=exc.strerror or str(exc)) from None
