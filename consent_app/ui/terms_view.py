"""The core's rendered terms (plain text, the signed wording) shown as formatted text on the kiosk.

Only the presentation changes: the first line becomes the heading, numbered sections become
sub-headings, "- " lines a list, and each category line ("[x] Name (id)" with its description below)
shows its name with a clear chosen / not chosen mark — the id is left out, the words are the same.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QCoreApplication

SECTION = re.compile(r"^(\d+\.|[一二三四五六七八九十]+、)\s*\S")
CATEGORY = re.compile(r"^\[(?P<mark>[^\]]*)\]\s*(?P<name>.+?)\s*\((?P<id>[a-z_]+)\)\s*$")


def terms_html(text: str) -> str:
    """HTML for a QTextBrowser: headings, lists and the categories by their names."""
    chosen = QCoreApplication.translate("terms_view", "You allow this")
    not_chosen = QCoreApplication.translate("terms_view", "Not allowed")
    lines = text.splitlines()
    out: list[str] = []
    in_list = False
    i = 0
    first = True
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        if not stripped:
            if in_list:
                out.append("</ul>")
                in_list = False
            i += 1
            continue
        if first:
            out.append(f"<h2>{escape(stripped)}</h2>")
            first = False
            i += 1
            continue
        match = CATEGORY.match(stripped)
        if match:
            description = ""
            if i + 1 < len(lines) and lines[i + 1].startswith(" "):
                description = lines[i + 1].strip()
                i += 1
            yes = match.group("mark").strip() not in ("",)
            mark = (f"<span style='color:#2e7d4f'>✔ {escape(chosen)}</span>" if yes
                    else f"<span style='color:#6b7674'>✗ {escape(not_chosen)}</span>")
            style = "" if yes else " style='color:#56625f'"
            out.append(f"<p{style}><b>{escape(match.group('name'))}</b> — {mark}<br>"
                       f"<span style='font-size:small'>{escape(description)}</span></p>")
            i += 1
            continue
        if stripped.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{escape(stripped[2:])}</li>")
        elif SECTION.match(stripped):
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(f"<h3>{escape(stripped)}</h3>")
        else:
            out.append(f"<p>{escape(stripped)}</p>")
        i += 1
    if in_list:
        out.append("</ul>")
    return "".join(out)
