"""The session's language (phase words, colours, shapes; side, pressure and tool words) and colours.

The phase words and colours are defined here once, for the session window, the editor's plan
preview and every later view (UI.md: the same everywhere); the pressure wording and tool labels
come from ``core.routines.describe``, which the handout shares.

Colours are plain ``#rrggbb`` strings computed here, so every one can be checked: text is at
least 4.5:1 against its background and phase shapes at least 3:1, in all four variants.
"""

from __future__ import annotations

import colorsys
import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from tpguide.core.record import record
from tpguide.core.routines.describe import pressure_text, tool_label

TEXT_CONTRAST = 4.5
SHAPE_CONTRAST = 3.0

PHASE_COLOURS: dict[str, str] = {  # Okabe-Ito, colour-blind safe (UI.md)
    "prepare": "#56B4E9",
    "press": "#D55E00",
    "release": "#009E73",
    "switch": "#E69F00",
    "rest": "#0072B2",
    "done": "#CC79A7",
}
TENDERNESS_SCALE: tuple[tuple[int, str], ...] = (
    (3, PHASE_COLOURS["prepare"]), (6, PHASE_COLOURS["switch"]), (10, PHASE_COLOURS["press"]))
"""Tenderness up to 3, 4-6 and 7-10 ("Your points"): the same Okabe-Ito colours, sky blue,
orange and vermillion, which stay apart for the common colour-vision differences."""
PHASE_SHAPES: dict[str, str] = {
    "prepare": "hollow-circle",
    "press": "arrows-in",
    "release": "arrows-out",
    "switch": "mirrored-arrows",
    "rest": "bar",
    "done": "check",
}
_WORDS: dict[str, str] = {
    "prepare": str(QT_TRANSLATE_NOOP("Phase", "GET READY")),
    "press": str(QT_TRANSLATE_NOOP("Phase", "PRESS")),
    "release": str(QT_TRANSLATE_NOOP("Phase", "RELEASE")),
    "switch": str(QT_TRANSLATE_NOOP("Phase", "SWITCH SIDE")),
    "rest": str(QT_TRANSLATE_NOOP("Phase", "REST")),
    "done": str(QT_TRANSLATE_NOOP("Phase", "DONE")),
}


def phase_word(kind: str) -> str:
    """The phase's word as shown (translated at call time)."""
    return QCoreApplication.translate("Phase", _WORDS.get(kind, kind.upper()))


# ----- session wording ------------------------------------------------------------------------
_CTX = "Session"
_N = QT_TRANSLATE_NOOP
_SIDES = {"left": _N(_CTX, "your left side"), "right": _N(_CTX, "your right side"),
          "together": _N(_CTX, "both sides together"),
          "both": _N(_CTX, "both sides, one after the other")}


def _tr(text: object) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def side_text(side: str | None) -> str:
    return _tr(_SIDES[side]) if side in _SIDES else ""


def tool_text(tool: str | None) -> str:
    return tool_label(tool, _tr)


def session_pressure(level: int | None) -> str:
    """The session's "moderate, 5/10", translated in the session's words."""
    return pressure_text(level, _tr)


def countdown_text(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-6))
    return str(whole) if whole < 60 else f"{whole // 60}:{whole % 60:02d}"


def clock_text(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


# ----- colour arithmetic (WCAG 2 relative luminance) ------------------------------------------
def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, amount: float) -> str:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex((ra[0] + (rb[0] - ra[0]) * amount, ra[1] + (rb[1] - ra[1]) * amount,
                 ra[2] + (rb[2] - ra[2]) * amount))


def soften(hex_colour: str, saturation: float, value: float) -> str:
    """Scale a colour's saturation and brightness (calm mode)."""
    h, s, v = colorsys.rgb_to_hsv(*_rgb(hex_colour))
    return _hex(colorsys.hsv_to_rgb(h, s * saturation, v * value))


def ensure_contrast(fg: str, bg: str, ratio: float) -> str:
    """``fg`` darkened (on light) or lightened (on dark) just enough to reach ``ratio``."""
    target = "#000000" if luminance(bg) > 0.18 else "#ffffff"
    for step in range(101):
        candidate = mix(fg, target, step / 100)
        if contrast_ratio(candidate, bg) >= ratio:
            return candidate
    return target


# ----- the theme ------------------------------------------------------------------------------
@record(frozen=True, slots=True)
class PhaseStyle:
    """How one phase kind looks: ``colour`` for shapes and rings, ``text`` for its word."""

    kind: str
    colour: str
    text: str
    shape: str


@record(frozen=True, slots=True)
class Theme:
    """The session window's colours; every ``*_text`` is readable on ``window``."""

    dark: bool
    calm: bool
    window: str
    panel: str
    text: str
    muted_text: str
    track: str
    unwell: str
    unwell_text: str
    phases: dict[str, PhaseStyle]

    def phase(self, kind: str) -> PhaseStyle:
        return self.phases.get(kind, self.phases["prepare"])

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) of every text colour, for contrast checks."""
        pairs = [("text", self.text, self.window), ("muted", self.muted_text, self.window),
                 ("text on panel", self.text, self.panel),
                 ("muted on panel", self.muted_text, self.panel),
                 ("unwell", self.unwell_text, self.window)]
        pairs += [(f"{k} word", p.text, self.window) for k, p in self.phases.items()]
        return pairs


_BASES = {  # (dark, calm) -> window, panel, text, muted text, track
    (False, False): ("#fbfaf7", "#f0eee8", "#1c1f23", "#4a4f57", "#dedbd3"),
    (False, True): ("#e9e6df", "#dfdbd2", "#2e3135", "#4e5257", "#d0ccc2"),
    (True, False): ("#16181b", "#202328", "#ecebe8", "#b2b6bc", "#33373d"),
    (True, True): ("#111213", "#1a1b1d", "#c8c5bf", "#9d9a95", "#2a2b2e"),
}
UNWELL_BASE = "#b3261e"


def make_theme(dark: bool, calm: bool) -> Theme:
    window, panel, text, muted, track = _BASES[(dark, calm)]
    phases: dict[str, PhaseStyle] = {}
    for kind, base in PHASE_COLOURS.items():
        colour = soften(base, 0.7, 0.8 if dark else 0.92) if calm else base
        shape_colour = ensure_contrast(colour, window, SHAPE_CONTRAST)
        word = ensure_contrast(colour, window, TEXT_CONTRAST)
        phases[kind] = PhaseStyle(kind, shape_colour, word, PHASE_SHAPES[kind])
    unwell = soften(UNWELL_BASE, 0.6, 0.9) if calm else UNWELL_BASE
    if dark:
        unwell = mix(unwell, "#ffffff", 0.35)
    return Theme(
        dark=dark, calm=calm, window=window, panel=panel, text=text, muted_text=muted,
        track=track, unwell=ensure_contrast(unwell, window, SHAPE_CONTRAST),
        unwell_text=ensure_contrast(unwell, window, TEXT_CONTRAST), phases=phases,
    )


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark scheme (falls back to the palette's lightness)."""
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(theme_setting: str, calm: bool) -> Theme:
    """The theme for the settings' ``theme`` ("system", "light", "dark") and ``calm``."""
    dark = system_is_dark() if theme_setting == "system" else theme_setting == "dark"
    return make_theme(dark, calm)


def apply_palette(widget: QWidget, theme: Theme) -> None:
    """Give a window the theme's colours (standard widgets follow the palette)."""
    palette = QPalette(widget.palette())
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, theme.window), (role.WindowText, theme.text), (role.Base, theme.panel),
        (role.AlternateBase, theme.window), (role.Text, theme.text), (role.Button, theme.panel),
        (role.ButtonText, theme.text), (role.ToolTipBase, theme.panel),
        (role.ToolTipText, theme.text), (role.PlaceholderText, theme.muted_text),
        (role.Highlight, theme.phases["rest"].colour), (role.HighlightedText, theme.window),
        (role.Mid, theme.track), (role.Midlight, theme.track),
    ):
        palette.setColor(r, QColor(colour))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
