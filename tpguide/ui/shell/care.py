"""The Clients page in the main window: a header button and a page, both only for people
who turned on "I am a therapist" in Settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

from tpguide.core.settings import AppSettings
from tpguide.ui.widgets.fit import FlowLayout

if TYPE_CHECKING:
    from tpguide.core.routines.routine import Routine
    from tpguide.ui.shell.header_bar import HeaderBar
    from tpguide.ui.shell.pages import LazyPages
    from tpguide.ui.widgets.settings_owner import SettingsOwner

CLIENTS = "clients"


class ClientsHost(Protocol):
    """What the Clients page needs of the main window."""

    @property
    def header(self) -> HeaderBar: ...

    @property
    def pages(self) -> LazyPages: ...

    @property
    def settings(self) -> SettingsOwner: ...

    def show_page(self, name: str) -> QWidget: ...

    def current_page(self) -> str: ...

    def loaded_routines(self) -> list[Routine]: ...


def _build(host: ClientsHost) -> QWidget:
    from tpguide.ui.clients.page import ClientsPage
    from tpguide.ui.diary.pain_chart import PainChart

    return ClientsPage(PainChart, host.loaded_routines, parent=host.pages)


def attach_clients(host: ClientsHost) -> QPushButton:
    """Add the Clients button after "New routine"; it follows the therapist setting."""
    header = host.header
    button = QPushButton(QCoreApplication.translate("HeaderBar", "C&lients"), header)
    button.setAccessibleName(QCoreApplication.translate("HeaderBar", "Clients"))
    button.setMinimumHeight(host.header.start.minimumHeight())
    row = header.layout()
    assert isinstance(row, FlowLayout)
    row.insertWidget(row.indexOf(header.new) + 1, button)
    host.pages.later(CLIENTS, lambda: _build(host))
    button.clicked.connect(lambda: host.show_page(CLIENTS))

    def follow(settings: AppSettings) -> None:
        button.setVisible(settings.therapist)
        if not settings.therapist and host.current_page() == CLIENTS:
            host.show_page("welcome")

    follow(host.settings.settings())
    host.settings.changed.connect(follow)
    return button
