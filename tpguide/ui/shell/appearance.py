"""Applies the chosen theme, calm mode and text size to the whole application at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from tpguide.core.settings import AppSettings
from tpguide.ui.widgets.theme import (
    TEXT_CONTRAST,
    Theme,
    apply_palette,
    ensure_contrast,
    make_theme,
)

BASE_SCALE = 1.1  # a touch above the platform default: read with a headache
LARGER_TEXT = 1.3


class Appearance:
    """Remembers the platform's own font and palette, so "system" and text size stay relative."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._font = QFont(app.font())
        self._system_palette = QPalette(app.palette())
        self.theme: Theme | None = None

    def system_is_dark(self) -> bool:
        hints = QGuiApplication.styleHints()
        scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
        return self._system_palette.color(QPalette.ColorRole.Window).lightness() < 128

    def apply(self, settings: AppSettings) -> Theme:
        """Set the application's palette, font, then style sheet (windows follow them).

        Only the application gets a palette, and the style sheet comes last: a style
        sheet re-polishes every widget with the palette and font current at that time.
        """
        dark = self.system_is_dark() if settings.theme == "system" else settings.theme == "dark"
        theme = make_theme(dark, settings.calm)
        self.theme = theme
        carrier = QWidget()
        apply_palette(carrier, theme)
        self._app.setPalette(carrier.palette())
        font = QFont(self._font)
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(size * BASE_SCALE * (LARGER_TEXT if settings.larger_text else 1.0))
        self._app.setFont(font)
        self._app.setStyleSheet(style_sheet(theme))
        return theme


def style_sheet(theme: Theme) -> str:
    """Big, calm targets; the one primary button carries the accent colour."""
    accent = theme.phase("rest").colour
    on_accent = ensure_contrast("#fbfaf7", accent, TEXT_CONTRAST)
    return f"""
QPushButton {{ padding: 6px 14px; border-radius: 8px; border: 1px solid {theme.track};
  background: {theme.panel}; color: {theme.text}; }}
QPushButton:hover {{ border-color: {theme.muted_text}; }}
QPushButton:checked {{ background: {theme.track}; border: 2px solid {theme.text}; }}
QPushButton:focus {{ border: 2px solid {accent}; }}
QPushButton[primary="true"] {{ background: {accent}; color: {on_accent};
  font-weight: bold; border: 2px solid {accent}; }}
QPushButton[primary="true"]:focus {{ border: 3px solid {theme.text}; }}
QPushButton:disabled {{ color: {theme.muted_text}; }}
QTreeWidget, QTableWidget, QListWidget, QLineEdit, QComboBox {{ border: 1px solid {theme.track};
  border-radius: 6px; background: {theme.panel}; color: {theme.text}; }}
QLineEdit, QComboBox {{ padding: 4px 8px; }}
QTreeWidget::item, QListWidget::item {{ padding: 4px; }}
QTreeWidget::item:selected, QListWidget::item:selected, QTableWidget::item:selected {{
  background: {accent}; color: {on_accent}; }}
QHeaderView::section {{ background: {theme.window}; color: {theme.text}; border: none;
  border-bottom: 1px solid {theme.track}; padding: 4px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 20px; height: 20px; }}
QLabel[role="muted"] {{ color: {theme.muted_text}; }}
"""
