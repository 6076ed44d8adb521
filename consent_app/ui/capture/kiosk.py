"""The subject kiosk: large type, one decision per screen, English / 简体中文 on every screen.

No staff control is reachable from here: the staff return only with their password. The kiosk
draws the flow's consent-form and signature steps: each category is a separate, explicit choice
(none pre-selected), the terms are the core's rendered text, and a summary precedes the signature.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui import i18n
from consent_app.ui.capture.kiosk_screens import KioskScreens
from consent_app.ui.common import BusyOverlay, DemoBadge, MessageBar, Retranslatable, StackPage
from consent_app.ui.words import category_description, category_label, core_language, signature_problem


class KioskPage(StackPage, KioskScreens, Retranslatable, QWidget):
    """``returned`` once the staff typed their password (after signing, or to take over)."""

    returned = Signal(bool)  # True when the subject signed

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ctx = ctx
        self.flow = None
        self.details = None
        self.choices: dict[str, bool] = {}
        self.index = 0
        self.signed = False
        # top bar: language switch and DEMO
        self.english = QPushButton("English", self)
        self.chinese = QPushButton("简体中文", self)
        for b in (self.english, self.chinese):
            b.setCheckable(True)
            b.setAutoDefault(False)
        self.english.clicked.connect(lambda: self.set_language("en"))
        self.chinese.clicked.connect(lambda: self.set_language("zh_CN"))
        self.demo = DemoBadge(self)
        self.progress = QLabel(self)
        self.progress.setProperty("role", "hint")
        top = QHBoxLayout()
        top.addWidget(self.demo)
        top.addWidget(self.progress)
        top.addStretch(1)
        top.addWidget(self.english)
        top.addWidget(self.chinese)
        self.screens = QStackedWidget(self)
        self.message = MessageBar(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 32)
        layout.addLayout(top)
        layout.addWidget(self.screens, 1)
        layout.addWidget(self.message)
        self._build_welcome()
        self._build_unoffered()
        self._build_category()
        self._build_none()
        self._build_terms()
        self._build_summary()
        self._build_signature()
        self._build_handback()
        self.busy = BusyOverlay(self)
        # a message goes as soon as its cause does: a signature drawn, a password typed
        self.pad.changed.connect(self.message.clear_message)
        self.message.clear_on_change(self.h_password)
        self.screens.currentChanged.connect(self.message.clear_message)
        staff = QShortcut(QKeySequence("Ctrl+Alt+S"), self)
        staff.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        staff.activated.connect(self.show_handback)
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        code = i18n.current_language()
        self.english.setChecked(code == "en")
        self.chinese.setChecked(code == "zh_CN")
        self.demo.setVisible(self.ctx.demo)
        name = self.flow.subject.display_name if self.flow is not None and self.flow.subject else ""
        self.w_title.setText(self.tr("Hello {name}").format(name=name))
        self.w_text.setText(self.tr("On the next screens you decide, one at a time, which edits of your face "
                                    "or voice you allow. Nothing is chosen for you. You then read the terms, "
                                    "see a summary and sign."))
        self.w_start.setText(self.tr("&Start"))
        self.u_title.setText(self.tr("Not offered in this session"))
        self.u_back.setText(self.tr("&Back"))
        self.u_next.setText(self.tr("&Continue"))
        self._fill_unoffered()
        self.c_back.setText(self.tr("&Back"))
        self.c_yes.setText(self.tr("&Yes, I allow this"))
        self.c_no.setText(self.tr("&No, I do not allow this"))
        self.n_title.setText(self.tr("You did not allow any edit"))
        self.n_text.setText(self.tr("No consent will be recorded. You can review your choices, or end here "
                                    "and hand the screen back to the staff."))
        self.n_review.setText(self.tr("&Review my choices"))
        self.n_end.setText(self.tr("&End without consent"))
        self.t_title.setText(self.tr("Please read the terms"))
        self.t_back.setText(self.tr("&Back"))
        self.t_ok.setText(self.tr("I have &read the terms"))
        self.s_title.setText(self.tr("Summary: what you are about to sign"))
        self.s_back.setText(self.tr("&Back to the terms"))
        self.s_sign.setText(self.tr("&Sign"))
        self.g_title.setText(self.tr("Your signature"))
        self.g_text.setText(self.tr("Sign in the box with your finger, a pen or the mouse."))
        self.pad.set_hint(self.tr("Sign here"))
        self.g_clear.setText(self.tr("C&lear"))
        self.g_undo.setText(self.tr("&Undo last stroke"))
        self.g_back.setText(self.tr("&Back"))
        self.g_ok.setText(self.tr("&Confirm my signature"))
        self.h_title.setText(self.tr("Thank you") if self.signed else self.tr("Staff"))
        self.h_text.setText(self.tr("Please hand the screen back to the staff.") if self.signed else
                            self.tr("The staff member continues from here."))
        member = self.ctx.member
        self.h_label.setText(self.tr("Password of {user}:").format(user=member.username) if member is not None
                             else self.tr("Staff &password:"))
        self.h_label.setBuddy(self.h_password)
        self.h_ok.setText(self.tr("C&ontinue"))
        if self.screens.currentWidget() is self.category:
            self._fill_category()
        if self.screens.currentWidget() is self.summary:
            self._fill_summary()

    # -- flow -----------------------------------------------------------------------------
    def start(self, flow, details) -> None:
        from consent_app.consent import categories

        self.flow = flow
        self.details = details
        self.choices = dict.fromkeys(categories.IDS, None)
        self.signed = False
        self.message.clear_message()
        self.pad.clear()
        if flow.subject is not None:
            i18n.set_language("zh_CN" if flow.subject.language == "zh-CN" else "en")
        self.retranslate()
        self.screens.setCurrentWidget(self.welcome)
        self.progress.clear()
        self.w_start.setFocus()

    @property
    def offered(self) -> list[str]:
        """The categories this session can offer, in order (the others are explained once)."""
        return [cat for cat, why in self.reasons().items() if why is None]

    def reasons(self) -> dict:
        from consent_app.consent import categories

        if self.flow is None:
            return dict.fromkeys(categories.IDS)
        return self.flow.category_reasons()

    def _fill_unoffered(self) -> None:
        """Every category not offered, grouped under its true reason, worded for the subject."""
        words = {
            "session.face_unavailable": self.tr("Your identity check (your face compared with the photo on "
                                               "your ID document) was not completed, so edits of your face "
                                               "are not offered:"),
            "session.voice_missing": self.tr("No recording of your voice was made, so edits of your voice "
                                             "are not offered:"),
            "session.statement_missing": self.tr("Your spoken consent statement was not recorded, so edits "
                                                 "of your voice are not offered:"),
            "session.statement_failed": self.tr("Your spoken consent statement could not be confirmed, "
                                                     "so edits of your voice are not offered:"),
        }
        groups: dict[str, list[str]] = {}
        for cat, why in self.reasons().items():
            if why is not None:
                groups.setdefault(why.code, []).append(cat)
        parts = []
        for code, cats in groups.items():
            items = "".join(f"<li>{category_label(c)}</li>" for c in cats)
            parts.append(f"<p>{words.get(code, code)}</p><ul>{items}</ul>")
        parts.append("<p>" + self.tr("You decide about the other edits on the next screens.") + "</p>")
        self.u_text.setText("".join(parts))

    def set_language(self, code: str) -> None:
        """Switch the screens' language; the terms are rendered again by the core in that language."""
        i18n.set_language(code)
        flow = self.flow
        self.retranslate()
        if flow is None or flow.subject is None or flow.subject.language == core_language(code):
            return
        current = self.screens.currentWidget()
        chosen = [c for c, yes in self.choices.items() if yes]
        redo_terms = current in (self.terms, self.summary) and chosen

        def job():
            from consent_app.session.flow import Step

            flow.go_to(Step.SUBJECT_DETAILS)
            flow.set_subject(replace(flow.subject, language=core_language(code)))
            flow.go_to(Step.CONSENT_FORM)
            if redo_terms:
                flow.set_consent(chosen, self.details)
            return redo_terms

        self._run(job, done=lambda redo: self.show_terms() if redo else None)

    def _run(self, fn, *args, done=None, error=None) -> None:
        """Run a flow call; the screen that asked takes no input until its result is delivered.

        The busy overlay shows only after half a second: before, a second tap on the same button (a
        double tap on a touch screen) ran the call twice (the hand-back's second tap, its password field
        already cleared, was a failed login counted towards the staff member's lockout)."""
        from shiboken6 import isValid

        self.message.clear_message()
        screen = self.screens.currentWidget()
        screen.setEnabled(False)

        def then(callback):
            def deliver(value) -> None:
                if isValid(screen):
                    screen.setEnabled(True)
                if callback is not None:
                    callback(value)

            return deliver

        self.ctx.run(fn, *args, done=then(done), error=then(error or self.message.error), busy=self.busy,
                     message=self.tr("One moment…"))

    def begin_choices(self) -> None:
        """After the welcome: the categories not offered (once, on one screen), then each offered one."""
        if len(self.offered) < len(self.choices):
            self._fill_unoffered()
            self.progress.clear()
            self.screens.setCurrentWidget(self.unoffered)
            self.u_next.setFocus()
        else:
            self.show_category(0)

    def show_category(self, index: int) -> None:
        self.message.clear_message()
        offered = self.offered
        if index < 0:
            if len(offered) < len(self.choices):
                self.screens.setCurrentWidget(self.unoffered)
            else:
                self.screens.setCurrentWidget(self.welcome)
            return
        if index >= len(offered):
            self.after_choices()
            return
        self.index = index
        self._fill_category()
        self.screens.setCurrentWidget(self.category)

    @property
    def current_category(self) -> str:
        return self.offered[self.index]

    def _fill_category(self) -> None:
        offered = self.offered
        cat = offered[self.index]
        self.progress.setText(self.tr("Question {n} of {total}").format(n=self.index + 1, total=len(offered)))
        self.c_title.setText(category_label(cat))
        self.c_text.setText(category_description(cat))
        self.c_no.setFocus()

    def choose(self, yes: bool) -> None:
        self.choices[self.current_category] = yes
        self.show_category(self.index + 1)

    def after_choices(self) -> None:
        chosen = [c for c, yes in self.choices.items() if yes]
        if not chosen:
            self.screens.setCurrentWidget(self.none)
            self.n_review.setFocus()
            return
        self._run(self.flow.set_consent, chosen, self.details, done=lambda _r: self.show_terms())

    def show_terms(self) -> None:
        rendered = self.flow.rendered_terms
        if rendered is None:
            return
        from consent_app.ui.terms_view import terms_html

        self.t_text.setHtml(terms_html(rendered.text))
        self.progress.clear()
        self.screens.setCurrentWidget(self.terms)
        self.t_text.setFocus()

    def acknowledge(self) -> None:
        sha = self.flow.rendered_terms.sha256
        self._run(self.flow.acknowledge_terms, sha, done=lambda _r: self.show_summary())

    def show_summary(self) -> None:
        self._fill_summary()
        self.screens.setCurrentWidget(self.summary)
        self.s_sign.setFocus()

    def _fill_summary(self) -> None:
        flow = self.flow
        if flow is None or flow.choice is None:
            return
        d = flow.choice.details
        heading = self.tr("You allow:")
        lines = [f"<p><b>{heading}</b></p><ul>"]
        lines += [f"<li>{category_label(c)}</li>" for c in flow.choice.categories]
        lines.append("</ul>")
        rows = ((self.tr("Project"), d.project), (self.tr("Purpose"), d.purpose),
                (self.tr("Valid"), f"{d.valid_from.date().isoformat()} – {d.valid_until.date().isoformat()}"),
                (self.tr("Where"), ", ".join(d.territory)),
                (self.tr("Outputs are labelled"), d.marking),
                (self.tr("Your face and voice samples are kept for"),
                 self.tr("{days} days").format(days=d.retention_days)),
                (self.tr("To withdraw at any time, contact"), d.withdrawal_contact))
        if d.prohibited_uses:
            rows += ((self.tr("Never used for"), ", ".join(d.prohibited_uses)),)
        lines += [f"<p><b>{k}:</b> {v}</p>" for k, v in rows]
        self.s_text.setHtml("".join(lines))

    def to_signature(self) -> None:
        def job():
            from consent_app.session.flow import Step

            if self.flow.step is not Step.SUBJECT_SIGNATURE:
                self.flow.go_to(Step.SUBJECT_SIGNATURE)

        self._run(job, done=lambda _r: self._show_signature())

    def _show_signature(self) -> None:
        self.pad.clear()
        self.screens.setCurrentWidget(self.signature)
        self.pad.setFocus()

    def back_to_summary(self) -> None:
        def job():
            from consent_app.session.flow import Step

            self.flow.go_to(Step.CONSENT_FORM)

        self._run(job, done=lambda _r: self.show_summary())

    def sign(self) -> None:
        try:
            strokes = self.pad.signature()
        except Exception as exc:
            self.message.error(signature_problem(exc))
            return
        self._run(self.flow.sign, strokes, done=lambda _r: self._signed(),
                  error=lambda exc: self.message.error(signature_problem(exc)))

    def _signed(self) -> None:
        self.signed = True
        self.show_handback()

    def show_handback(self) -> None:
        self.retranslate()
        self.progress.clear()
        self.h_password.clear()
        self.screens.setCurrentWidget(self.handback)
        self.h_password.setFocus()

    def staff_return(self) -> None:
        from consent_app import staff

        member = self.ctx.member
        password = self.h_password.text()
        self.h_password.clear()
        self._run(staff.login, self.ctx.store, member.username, password,
                  done=lambda _m: self.returned.emit(self.signed), error=self._staff_refused)

    def _staff_refused(self, exc) -> None:
        """Only the password was asked for: say so (a lockout keeps the core's reason)."""
        from consent_app.errors import AuthError

        if isinstance(exc, AuthError) and "wrong username or password" in str(exc):
            self.message.error(self.tr("Wrong password for {user}. Try again.").format(
                user=self.ctx.member.username))
        else:
            self.message.error(exc)
        self.h_password.setFocus()
