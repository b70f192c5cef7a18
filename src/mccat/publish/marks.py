"""The certification mark: a small SVG per program and language that providers show on their own sites.

The mark says, in one language, that the registry approved the program, its id, and until when; it looks
clearly different when the approval expires soon, has expired, is suspended or is withdrawn (colour,
wording and, for those that no longer hold, a dashed, struck-through frame), so that a copy kept on another
site tells the truth once the site is rebuilt (the registry is rebuilt every day). The state is the life
cycle's (mccat.model.lifecycle; 'expiring' is its window before the approval's last day). Text is escaped
(program ids are checked by the schema, but every value is treated as hostile); the SVG has a title and a
description for screen readers, colours meet 4.5:1, and it is about 1 KB.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

MARK_HEIGHT = 88

STATES = ("active", "expiring", "expired", "suspended", "withdrawn", "unapproved")
LABELS = {
    "active": {"ja": "レジストリ認定", "en": "Approved by the registry"},
    "expiring": {"ja": "認定 まもなく期限", "en": "Approval expires soon"},
    "expired": {"ja": "認定 期限切れ", "en": "Approval expired"},
    "suspended": {"ja": "認定 一時停止中", "en": "Approval suspended"},
    "withdrawn": {"ja": "認定 取消済み", "en": "Approval withdrawn"},
    "unapproved": {"ja": "認定されていません", "en": "Not approved"},
}
UNTIL = {"ja": "有効期限 {day}", "en": "valid until {day}"}
ENDED = {"ja": "{day} まで有効でした", "en": "was valid until {day}"}
REGISTRY = {"ja": "マイクロクレデンシャル・レジストリ", "en": "Micro-credential Registry"}
# (background, text, frame): text on background at 4.5:1 or more
COLOURS = {
    "active": ("#0b4f8a", "#ffffff", "#0b4f8a"),
    "expiring": ("#fff4d6", "#5c3b00", "#8a5a00"),
    "expired": ("#ececec", "#3a3a3a", "#6b6b6b"),
    "suspended": ("#fde7e7", "#8a1111", "#8a1111"),
    "withdrawn": ("#ffffff", "#3a3a3a", "#3a3a3a"),
    "unapproved": ("#ffffff", "#3a3a3a", "#3a3a3a"),
}


def mark_state(state: str) -> str:
    """The mark's state from the program's life-cycle state (mccat.model.lifecycle decides, once)."""
    if state in STATES:
        return state
    return "unapproved"  # proposed (a preview), or an id renamed away (its mark follows its new id)


def mark_width(program_id: str) -> int:
    return max(240, 16 + 8 * max(len(program_id), 24))


def mark_label(state: str, lang: str) -> str:
    """What the mark says, as its image's alternative text."""
    return f"{REGISTRY[lang]}: {LABELS[state][lang]}"


def mark_svg(*, program_id: str, lang: str, state: str, valid_until: str | None) -> str:
    """The mark as SVG text."""
    if state not in STATES:
        raise ValueError(f"unknown mark state {state!r}")
    background, ink, frame = COLOURS[state]
    label = LABELS[state][lang]
    dated = ""
    if valid_until and state in ("active", "expiring", "expired"):  # a suspension or withdrawal ends it otherwise
        dated = (ENDED if state == "expired" else UNTIL)[lang].format(day=valid_until)
    lines = [REGISTRY[lang], label, program_id, dated]
    width = mark_width(program_id)
    struck = state in ("expired", "suspended", "withdrawn")
    description = " / ".join(line for line in lines if line)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{MARK_HEIGHT}" '
        f'viewBox="0 0 {width} {MARK_HEIGHT}" role="img" aria-labelledby="t d">',
        f'<title id="t">{escape(label)}</title>',
        f'<desc id="d">{escape(description)}</desc>',
        f'<rect x="1" y="1" width="{width - 2}" height="86" rx="8" fill="{background}" stroke="{frame}" '
        f'stroke-width="2"{" stroke-dasharray=" + quoteattr("6 4") if struck else ""}/>',
        f'<g fill="{ink}" font-family="Hiragino Sans, Yu Gothic UI, Meiryo, Noto Sans CJK JP, sans-serif">',
        f'<text x="12" y="20" font-size="11">{escape(REGISTRY[lang])}</text>',
        f'<text x="12" y="42" font-size="16" font-weight="bold">{escape(label)}</text>',
        f'<text x="12" y="61" font-size="12" font-family="monospace">{escape(program_id)}</text>',
    ]
    if dated:
        parts.append(f'<text x="12" y="78" font-size="11">{escape(dated)}</text>')
    parts.append("</g>")
    if struck:  # behind the text (inserted after the frame), so the words stay legible
        parts.insert(
            4, f'<line x1="6" y1="82" x2="{width - 6}" y2="6" stroke="{frame}" stroke-width="1" opacity="0.5"/>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def mark_file(program_id: str, lang: str) -> str:
    """The mark's path relative to /api/v1/."""
    return f"marks/{program_id}.{lang}.svg"
