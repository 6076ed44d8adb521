"""PDF receipts for the subject, in the subject's language (English or 简体中文).

A consent receipt says who agreed, to which edits, for what, until when, the consent id, how to
withdraw, and carries a QR code with the consent id and the record's hash; a withdrawal receipt
says what was withdrawn, when, by whom, and carries the event's hash.

Fonts: Latin text uses Bitstream Vera (shipped with reportlab, permissive licence) and Chinese text
Droid Sans Fallback (``resources/fonts``, Apache-2.0), both embedded as subsets with a ToUnicode map,
so the receipt looks the same in any PDF reader (a reader's stand-in for an unembedded Helvetica has
other glyph widths: "privacy@ studio") and its text can be extracted. Characters neither has fall back to
the Adobe-GB1 font STSong-Light. Receipts are built in memory; only the final file is written.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from consent_app import clock, files  # noqa: F401 - files: registers the file.* codes raised here
from consent_app.consent import categories as cats
from consent_app.consent import receipt_messages, records  # noqa: F401 - receipt_messages: codes raised here
from consent_app.errors import InputError

CJK_FONT = "DroidSansFallback"
CJK_FONT_FILE = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "DroidSansFallback.ttf"
CID_FONT = "STSong-Light"
LATIN_FONT, LATIN_BOLD = "ReceiptVera", "ReceiptVera-Bold"

TEXT = {
    "en": {
        "title": "Consent receipt", "wtitle": "Withdrawal receipt",
        "demo": "DEMO — made on a demonstration database. This is not a real consent and proves nothing.",
        "studio": "Studio", "who": "Person", "attester": "Signed by", "signed": "Signed on",
        "id": "Consent ID", "hash": "Record hash (SHA-256)", "agreed": "You agreed to these edits",
        "withdrawn_mark": "withdrawn", "project": "Project", "purpose": "Purpose", "valid": "Valid",
        "from_until": "from {a} until {b}", "territory": "Territory", "channels": "Channels and media",
        "prohibited": "Never allowed", "marking": "Label on every output", "retention": "Your biometric data",
        "retention_text": "Face, ID photo and voice recordings are kept encrypted for {d} days, then erased "
                          "(or sooner if you ask).",
        "withdraw": "How to withdraw", "withdraw_text": "You can withdraw all or part of this consent at "
                    "any time: {c}. Bring or quote the consent ID above.",
        "complaints": "Questions and complaints", "none": "none stated",
        "verified": "The studio's signature on this record was verified (key {k}).",
        "qr": "Scan to check: consent ID and record hash.",
        "guardian": "{n} ({r}), guardian of a minor", "agent": "{n}, authorised agent ({r})",
        "event": "Withdrawal", "event_id": "Event ID", "when": "When", "staff": "Recorded by",
        "reason": "Reason", "wcats": "Withdrawn edits", "remaining": "Still agreed",
        "nothing_left": "nothing: the whole consent is withdrawn", "sep": "; ",
        "event_hash": "Event hash (SHA-256)",
        "effect": "From now on no new edits of these kinds may be made, and the studio's permission "
                  "tokens for them are revoked.",
        "subject_role": "the person named above",
        "identity": "Identity check", "identity_ok": "passed: live face matched the ID document, liveness "
                    "challenge done by that face", "identity_override": "not passed; overridden by "
                    "administrator {a}: {r}", "identity_none": "not recorded",
    },
    "zh-CN": {
        "title": "同意回执", "wtitle": "撤回回执",
        "demo": "演示（DEMO）—— 本回执来自演示数据库，并非真实同意，不具有任何证明效力。",
        "studio": "工作室", "who": "当事人", "attester": "签署人", "signed": "签署时间",
        "id": "同意编号", "hash": "记录哈希（SHA-256）", "agreed": "您同意的编辑项目",
        "withdrawn_mark": "已撤回", "project": "项目", "purpose": "目的", "valid": "有效期",
        "from_until": "自 {a} 至 {b}", "territory": "使用地域", "channels": "渠道和媒体",
        "prohibited": "禁止的用途", "marking": "所有输出须带有的标识", "retention": "您的生物识别数据",
        "retention_text": "人脸、证件照片和声音录音加密保存 {d} 天后删除（如您要求，可提前删除）。",
        "withdraw": "如何撤回", "withdraw_text": "您可以随时撤回全部或部分同意：{c}。请提供上面的同意编号。",
        "complaints": "咨询和投诉", "none": "未说明",
        "verified": "已验证工作室对本记录的签名（密钥 {k}）。",
        "qr": "扫码核对：同意编号和记录哈希。",
        "guardian": "{n}（{r}），未成年人的监护人", "agent": "{n}，授权代理人（{r}）",
        "event": "撤回", "event_id": "事件编号", "when": "时间", "staff": "记录人",
        "reason": "原因", "wcats": "撤回的编辑项目", "remaining": "仍然同意的项目",
        "nothing_left": "无：已撤回全部同意", "sep": "；", "event_hash": "事件哈希（SHA-256）",
        "effect": "自即日起不得再进行上述类型的新编辑，工作室对应的授权凭证已被吊销。",
        "subject_role": "上述当事人本人",
        "identity": "身份核验", "identity_ok": "通过：实时人脸与证件相符，活体挑战由该人脸完成",
        "identity_override": "未通过；由管理员 {a} 批准例外：{r}", "identity_none": "未记录",
    },
}


_cjk_glyphs: frozenset[int] = frozenset()
_latin_glyphs: frozenset[int] = frozenset()


def load_fonts() -> None:  # ~0.5 s (the CJK font): the app does it in the background at start
    global _cjk_glyphs, _latin_glyphs
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    if LATIN_FONT not in registered:
        latin = TTFont(LATIN_FONT, "Vera.ttf")  # found on reportlab's own font path
        pdfmetrics.registerFont(latin)
        pdfmetrics.registerFont(TTFont(LATIN_BOLD, "VeraBd.ttf"))
        _latin_glyphs = frozenset(latin.face.charToGlyph)
    if CJK_FONT not in registered:
        if not CJK_FONT_FILE.is_file():
            raise InputError(code="receipt.font_missing", path=str(CJK_FONT_FILE))
        font = TTFont(CJK_FONT, str(CJK_FONT_FILE))
        pdfmetrics.registerFont(font)
        _cjk_glyphs = frozenset(font.face.charToGlyph)
    if CID_FONT not in registered:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))


def _font_of(ch: str) -> str | None:
    """None: the paragraph's Latin font has the glyph; else the CJK font that has it."""
    if ord(ch) in _latin_glyphs or ch in " \t":
        return None
    return CJK_FONT if ord(ch) in _cjk_glyphs else CID_FONT


def _text_width(text: str, latin_font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(ch, _font_of(ch) or latin_font, size) for ch in text)


def _markup(text: str) -> str:
    """Escaped paragraph markup with runs of non-Latin text in the CJK font."""
    out: list[str] = []
    run: list[str] = []
    current: str | None = None

    def flush() -> None:
        chunk = escape("".join(run)).replace("\n", "<br/>")
        if chunk:
            out.append(f'<font face="{current}">{chunk}</font>' if current else chunk)

    for ch in text:
        font = None if ch == "\n" else _font_of(ch)
        if font != current:
            flush()
            run, current = [], font
        run.append(ch)
    flush()
    return "".join(out)


class _Doc:
    """A one-column receipt: title, key/value rows, paragraphs, a QR code."""

    def __init__(self, language: str, title: str, demo: bool) -> None:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        load_fonts()
        self.language = language
        base, bold = LATIN_FONT, LATIN_BOLD
        wrap = "LTR" if language == "en" else "CJK"
        self.body = ParagraphStyle("body", fontName=base, fontSize=10.5, leading=15, wordWrap=wrap)
        self.key = ParagraphStyle("key", parent=self.body, fontName=bold,
                                  textColor=colors.HexColor("#333333"))
        self.head = ParagraphStyle("head", parent=self.body, fontName=bold, fontSize=13, leading=18,
                                   spaceBefore=10, spaceAfter=4)
        self.title = ParagraphStyle("title", parent=self.body, fontName=bold, fontSize=20, leading=26,
                                    spaceAfter=6)
        self.banner = ParagraphStyle("banner", parent=self.body, fontName=bold, fontSize=12, leading=17,
                                     textColor=colors.white, backColor=colors.HexColor("#b00020"),
                                     borderPadding=6, spaceAfter=10)
        self.indented = ParagraphStyle("indented", parent=self.body, leftIndent=12, spaceAfter=4)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11,
                                    textColor=colors.HexColor("#555555"))
        self.flow: list = []
        self.demo = demo
        self.title_text = title
        if demo:
            self.para(TEXT[language]["demo"], self.banner)
        self.para(title, self.title)

    def para(self, text: str, style=None) -> None:
        from reportlab.platypus import Paragraph

        self.flow.append(Paragraph(_markup(text), style or self.body))

    def _table(self, pairs: list[tuple[str, str]], widths: tuple[float, float]):
        from reportlab.platypus import Paragraph, Table, TableStyle

        data = [[Paragraph(_markup(k), self.key), Paragraph(_markup(v), self.body)] for k, v in pairs]
        table = Table(data, colWidths=list(widths))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return table

    def key_width(self, pairs: list[tuple[str, str]]) -> float:
        """Wide enough for the longest label on one line (a word such as 标识 is never split),
        between 38 and 60 mm."""
        from reportlab.lib.units import mm

        longest = max((_text_width(k, self.key.fontName, self.key.fontSize) for k, _ in pairs), default=0)
        return min(60 * mm, max(38 * mm, longest + 10))

    def rows(self, pairs: list[tuple[str, str]]) -> None:
        from reportlab.lib.units import mm

        key = self.key_width(pairs)
        self.flow.append(self._table(pairs, (key, 170 * mm - key)))

    def header(self, pairs: list[tuple[str, str]], payload: str, caption: str) -> None:
        """Key facts on the left, the QR code (consent id + hash) on the right: always on page 1."""
        from reportlab.graphics.barcode.qr import QrCodeWidget
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib.units import mm
        from reportlab.platypus import Paragraph, Table, TableStyle

        widget = QrCodeWidget(payload, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        size = 40 * mm
        drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        drawing.add(widget)
        key = min(self.key_width(pairs), 38 * mm)  # the ids need the width; these labels are short
        facts = self._table(pairs, (key, 126 * mm - key))
        outer = Table([[facts, [drawing, Paragraph(_markup(caption), self.small)]]],
                      colWidths=[128 * mm, 42 * mm])
        outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        self.flow.append(outer)
        self.payload = payload

    def finish(self) -> None:
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        self.flow.append(Spacer(1, 3 * mm))
        self.para(self.payload, self.small)

    def build(self, subject_line: str) -> bytes:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm
        from reportlab.platypus import SimpleDocTemplate

        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                bottomMargin=18 * mm, title=self.title_text, subject=subject_line,
                                author="consent_app", creator="consent_app", lang=self.language)
        demo = self.demo

        def footer(canvas, document) -> None:
            text = f"{'DEMO — ' if demo else ''}{subject_line} — {document.page}"
            canvas.saveState()
            x = 20 * mm
            for font, chunk in _runs(text):
                canvas.setFont(font or LATIN_FONT, 8)
                canvas.drawString(x, 10 * mm, chunk)
                x += canvas.stringWidth(chunk, font or LATIN_FONT, 8)
            canvas.restoreState()

        doc.build(self.flow, onFirstPage=footer, onLaterPages=footer)
        return out.getvalue()


def _runs(text: str) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    for ch in text:
        font = _font_of(ch)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def qr_payload(consent_id: str, digest: str, event: str | None = None) -> str:
    """What the QR code carries: the consent id and the record (or event) hash."""
    tail = f";event={event}" if event else ""
    return f"consent-app:consent:{consent_id};record={digest}{tail}"


def _subject_name(conn, subject_id: str) -> str:
    row = conn.execute("SELECT display_name FROM subjects WHERE id = ?", (subject_id,)).fetchone()
    return row[0] if row else subject_id


def _attester_line(record: dict, t: dict) -> str:
    attester = record.get("attester", {})
    role = attester.get("role")
    if role in ("guardian", "agent"):
        return t[role].format(n=attester.get("name", ""), r=attester.get("relationship", ""))
    return t["subject_role"]


def _identity_line(record: dict, t: dict) -> str:
    evidence = record.get("evidence", {})
    override = evidence.get("identityOverride")
    if override:
        return t["identity_override"].format(a=override.get("admin", "?"), r=override.get("reason", ""))
    live, match = evidence.get("liveness") or {}, evidence.get("identityVerification") or {}
    return t["identity_ok"] if live.get("passed") and match.get("match") else t["identity_none"]


def _date(iso_text: str, language: str) -> str:
    moment = clock.parse_iso(iso_text)
    if language == "en":
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y年%m月%d日 %H:%M（UTC）")


def _language(consent: records.Consent, language: str | None) -> str:
    return cats.check_language(language or consent.language)


def consent_receipt(conn, consent_id: str, language: str | None = None) -> bytes:
    """The consent receipt PDF (bytes) of a consent whose record verifies."""
    consent = records.get_verified(conn, consent_id)
    lang = _language(consent, language)
    t, r = TEXT[lang], consent.record
    doc = _Doc(lang, t["title"], consent.demo)
    listed = lambda values: "; ".join(values) if values else t["none"]  # noqa: E731
    doc.header([
        (t["studio"], r["dataController"]["name"]),
        (t["who"], _subject_name(conn, consent.subject_id)),
        (t["attester"], _attester_line(r, t)),
        (t["signed"], _date(consent.created_at, lang)),
        (t["id"], consent.id),
        (t["hash"], consent.record_hash),
    ], qr_payload(consent.id, consent.record_hash), t["qr"])
    doc.para(t["agreed"], doc.head)
    for cid in consent.categories:
        label, description = cats.BY_ID[cid].text(lang)
        mark = f" — {t['withdrawn_mark']}" if cid in consent.withdrawn_categories else ""
        doc.para(f"• {label}{mark}", doc.key)  # the subject reads names, never category ids
        doc.para(description, doc.indented)
    purpose = r["purposes"][0]
    doc.para(" ", doc.body)
    doc.rows([
        (t["project"], purpose["project"]),
        (t["purpose"], purpose["purpose"]),
        (t["valid"], t["from_until"].format(a=_date(consent.valid_from, lang),
                                            b=_date(consent.valid_until, lang))),
        (t["territory"], listed(r["territory"])),
        (t["channels"], listed(r["channels"])),
        (t["prohibited"], listed(r["prohibitedUses"])),
        (t["marking"], r["marking"]["explicitLabel"]),
        (t["retention"], t["retention_text"].format(d=r["retention"]["biometricSamplesDays"])),
        (t["withdraw"], t["withdraw_text"].format(c=r["withdrawal"]["method"])),
        (t["complaints"], r["complaints"]),
        (t["identity"], _identity_line(r, t)),
    ])
    doc.para(t["verified"].format(k=consent.proof["kid"][:16]), doc.small)
    doc.finish()
    return doc.build(f"{t['title']} {consent.id}")


def withdrawal_receipt(conn, consent_id: str, seq: int | None = None, language: str | None = None) -> bytes:
    """The receipt of a withdrawal event (default: the latest; ``seq`` as in ``consent.events``)."""
    consent = records.get_verified(conn, consent_id)
    events = {e.seq: e for e in consent.events if e.kind == "withdrawal"}
    if not events:
        raise InputError(code="receipt.no_withdrawal", consent=consent_id)
    event = events.get(seq if seq is not None else max(events))
    if event is None:
        raise InputError(code="receipt.no_withdrawal_number", consent=consent_id, seq=seq)
    lang = _language(consent, language)
    t = TEXT[lang]
    doc = _Doc(lang, t["wtitle"], consent.demo)

    def labels(ids) -> str:
        return t["sep"].join(cats.BY_ID[c].text(lang)[0] for c in ids) or t["nothing_left"]

    doc.header([
        (t["studio"], consent.record["dataController"]["name"]),
        (t["who"], _subject_name(conn, consent.subject_id)),
        (t["id"], consent.id),
        (t["event_id"], event.id),
        (t["when"], _date(event.at, lang)),
        (t["staff"], event.staff),
    ], qr_payload(consent.id, consent.record_hash, event.proof["hash"]), t["qr"])
    doc.rows([
        (t["reason"], event.body.get("reason", "")),
        (t["wcats"], labels(event.categories)),
        (t["remaining"], labels(event.body.get("remaining", []))),
        (t["event_hash"], event.proof["hash"]),
        (t["hash"], consent.record_hash),
    ])
    doc.para(t["effect"])
    doc.para(t["verified"].format(k=event.proof["kid"][:16]), doc.small)
    doc.finish()
    from consent_app.consent.receipt_witness import attach, withdrawal_witness

    return attach(doc.build(f"{t['wtitle']} {consent.id}"), withdrawal_witness(conn, consent, event))


def write(path, data: bytes) -> None:
    """Write a receipt atomically (private file mode)."""
    from pathlib import Path

    from consent_app.store.atomic import atomic_write_bytes

    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise InputError(code="receipt.not_pdf", path=str(target))
    if not target.parent.is_dir():
        raise InputError(code="receipt.no_folder", folder=str(target.parent))
    try:
        atomic_write_bytes(target, data, mode=0o600)
    except OSError as exc:
        raise InputError(code="file.unwritable", path=str(target), reason=exc.strerror or str(exc)) from None
