"""The look of the app: calm colours, readable type, large type for the subject kiosk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
ICON_PATH = ICON_DIR / "consent_app.svg"


def _icon(name: str) -> str:
    return (ICON_DIR / name).as_posix()


ACCENT = "#2f6f73"
ACCENT_DARK = "#1f4f52"
DEMO = "#b4441c"
DANGER = "#a33a3a"
OK = "#2e7d4f"
SURFACE = "#f6f7f5"

STYLE = f"""
QWidget {{ color: #1d2424; }}
QMainWindow, QStackedWidget, QDialog {{ background: {SURFACE}; }}
QLineEdit, QPlainTextEdit, QTextBrowser, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit {{
  background: white; border: 1px solid #b9c2c0; border-radius: 4px; padding: 4px 6px; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextBrowser:focus, QSpinBox:focus,
QDoubleSpinBox:focus, QDateEdit:focus {{ border: 2px solid {ACCENT}; }}
QComboBox, QDateEdit {{ padding-right: 26px; }}
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
  width: 24px; border: none; border-left: 1px solid #d3dad9; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url({_icon("arrow-down.svg")}); width: 12px;
  height: 12px; }}
QComboBox::down-arrow:disabled, QDateEdit::down-arrow:disabled {{
  image: url({_icon("arrow-down-disabled.svg")}); }}
QSpinBox, QDoubleSpinBox {{ padding-right: 24px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-origin: border; subcontrol-position: top right;
  width: 22px; border: none; border-left: 1px solid #d3dad9; border-bottom: 1px solid #e3e8e7; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-origin: border;
  subcontrol-position: bottom right; width: 22px; border: none; border-left: 1px solid #d3dad9; }}
QSpinBox::up-button:hover, QDoubleSpinBox::up-button:hover, QSpinBox::down-button:hover,
QDoubleSpinBox::down-button:hover {{ background: #eef3f2; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ image: url({_icon("arrow-up.svg")}); width: 10px;
  height: 10px; }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ image: url({_icon("arrow-down.svg")}); width: 10px;
  height: 10px; }}
QSpinBox::up-arrow:disabled, QDoubleSpinBox::up-arrow:disabled {{
  image: url({_icon("arrow-up-disabled.svg")}); }}
QSpinBox::down-arrow:disabled, QDoubleSpinBox::down-arrow:disabled {{
  image: url({_icon("arrow-down-disabled.svg")}); }}
QPushButton {{ background: white; border: 1px solid #9aa7a5; border-radius: 4px; padding: 6px 14px; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:hover {{ background: #eef3f2; }}
QPushButton:disabled {{ color: #8a9593; border-color: #ccd3d2; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid #0b2b2d; }}
QPushButton[primary="true"]:disabled {{ background: #9fb8b9; color: #eef3f2; }}
QPushButton[danger="true"] {{ color: {DANGER}; border-color: {DANGER}; }}
QLabel[role="title"] {{ font-size: 16pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: 12pt; color: #4b5756; }}
QLabel[role="hint"] {{ color: #56625f; }}
QLabel[role="demo"] {{ background: {DEMO}; color: white; font-weight: 700; padding: 2px 8px;
  border-radius: 3px; }}
QLabel[level="error"] {{ color: {DANGER}; background: #f8e9e9; border: 1px solid #e2b7b7;
  border-radius: 4px; }}
QLabel[level="ok"] {{ color: {OK}; background: #e8f4ec; border: 1px solid #b7dcc4;
  border-radius: 4px; }}
QLabel[level="info"] {{ color: #26404a; background: #e6eff3; border: 1px solid #b9d0da;
  border-radius: 4px; }}
QFrame#recordSummary {{ background: #e8f4ec; border: 1px solid #b7dcc4; border-radius: 4px; }}
QFrame#recordSummary QLabel {{ background: transparent; border: none; font-size: 12pt; }}
QFrame#recordSummary QLabel[role="name"] {{ color: #4b5756; }}
QFrame#recordSummary QLabel[role="value"] {{ color: {OK}; font-weight: 700; }}
QFrame#recordSummary QLabel[role="id"] {{ color: #56625f; font-weight: 700; }}
QFrame#busyBox {{ background: white; border: 1px solid #b9c2c0; border-radius: 6px; }}
QFrame#busyBox QLabel {{ background: transparent; border: none; font-size: 11pt; }}
QProgressBar {{ background: #e8eeed; border: 1px solid #b9c2c0; border-radius: 4px; min-height: 10px;
  max-height: 10px; text-align: center; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QLabel[role="field-error"] {{ color: {DANGER}; font-size: 9pt; }}
QLineEdit[invalid="true"] {{ border: 1px solid {DANGER}; background: #fdf6f6; }}
QLabel[level="warning"] {{ color: #5c3d00; background: #fdf3dc; border: 1px solid #e8cf94;
  border-radius: 4px; }}
QLabel[role="step-number"] {{ background: {ACCENT}; color: white; border-radius: 14px; font-weight: 700; }}
QListWidget#nav {{ background: #e8eeed; border: none; font-size: 11pt; }}
QListWidget#nav::item {{ padding: 10px 14px; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: white; }}
QTableView {{ background: white; alternate-background-color: #f2f5f4; gridline-color: #dde3e2; }}
QHeaderView::section {{ background: #e8eeed; padding: 4px; border: none;
  border-right: 1px solid #d3dad9; }}
QWidget#kiosk, QWidget#kiosk QStackedWidget, QWidget#kiosk QStackedWidget > QWidget {{
  background: #fbfbf8; }}
QWidget#kiosk QPushButton:checked {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; }}
QWidget#kiosk QLabel {{ font-size: 20pt; }}
QWidget#kiosk QLabel[role="title"] {{ font-size: 26pt; }}
QWidget#kiosk QCheckBox {{ font-size: 20pt; spacing: 14px; }}
QWidget#kiosk QCheckBox::indicator {{ width: 30px; height: 30px; }}
QWidget#kiosk QPushButton {{ font-size: 18pt; padding: 12px 26px; }}
QWidget#kiosk QTextBrowser {{ font-size: 17pt; }}
QWidget#kiosk QLineEdit {{ font-size: 18pt; padding: 10px 12px; min-height: 40px; }}
QWidget#kiosk QPushButton[choice="true"] {{ background: white; color: {ACCENT_DARK}; font-weight: 600;
  border: 2px solid {ACCENT}; border-radius: 8px; min-width: 300px; min-height: 56px; }}
QWidget#kiosk QPushButton[choice="true"]:hover {{ background: #eef3f2; }}
QWidget#kiosk QPushButton[choice="true"]:focus {{ border: 3px solid {ACCENT_DARK}; }}
QScrollBar:vertical {{ background: #eef1f0; width: 14px; margin: 0; border: none; }}
QScrollBar::handle:vertical {{ background: #9aa7a5; min-height: 40px; border-radius: 6px; margin: 2px; }}
QScrollBar::handle:vertical:hover {{ background: #7d8b89; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QWidget#kiosk QScrollBar:vertical {{ width: 24px; }}
QWidget#kiosk QScrollBar::handle:vertical {{ min-height: 64px; border-radius: 9px; margin: 3px; }}
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLE)
    if ICON_PATH.exists():
        app.setWindowIcon(QIcon(str(ICON_PATH)))


def set_prop(widget, name: str, value) -> None:
    """Set a dynamic property used by the style sheet and re-polish the widget."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def mark_new(widget, name: str, value) -> None:
    """Set a dynamic property used by the style sheet on a widget that was never shown (nor polished):
    the style sheet reads it when the widget is first shown, so nothing is re-polished. (``style()``
    and its first ``polish`` load ``QStyle``'s and the ``Qt`` namespace's enums, ~20 ms before the first
    screen paints.)"""
    widget.setProperty(name, value)
