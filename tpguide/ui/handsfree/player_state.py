"""The MPRIS properties of a session, as plain Python values (typed for D-Bus in ``mpris``).

A session is one "track": the routine is the album, the point and side being worked on
is the title (a rest is "Rest"), the session's length is the track's length. What the
engine allows decides CanGoNext, CanGoPrevious, CanPlay and CanPause.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.session.engine import Snapshot
from tpguide.ui.widgets.theme import side_text

APP_ID = "org.tpguide.TPGuide"
TRACK_PREFIX = "/org/tpguide/TPGuide/track/"
STATUS = {"running": "Playing", "paused": "Paused"}
"""MPRIS PlaybackStatus by engine state; every other state is "Stopped"."""

ROOT_PROPERTIES: dict[str, object] = {
    "CanQuit": False,
    "CanRaise": True,
    "HasTrackList": False,
    "Identity": "tpguide",
    "DesktopEntry": APP_ID,
    "SupportedUriSchemes": [],
    "SupportedMimeTypes": [],
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("MediaPlayer", text)


@dataclass(frozen=True)
class Metadata:
    track: str
    title: str
    album: str
    length_us: int


def metadata(snap: Snapshot, routine_title: str, atlas: Atlas) -> Metadata:
    """The current point and side as the title; ``track`` is an object path per block."""
    phase = snap.phase
    point = atlas.points.get(phase.point) if phase.point else None
    if point is None:
        title = _tr("Rest") if phase.kind == "rest" else routine_title
        track = f"{TRACK_PREFIX}phase{snap.index}"
    else:
        side = side_text(phase.side)
        title = _tr("{point}, {side}").format(point=point.name, side=side) if side \
            else point.name
        track = f"{TRACK_PREFIX}step{phase.step}_{phase.side or 'none'}"
    return Metadata(track, title, routine_title, round(snap.total * 1_000_000))


def player_properties(snap: Snapshot, routine_title: str, atlas: Atlas, *, muted: bool,
                      speed: float) -> dict[str, object]:
    """org.mpris.MediaPlayer2.Player's properties now (Position included)."""
    live = snap.state in ("running", "paused")
    usable = live or snap.state == "idle"
    return {
        "PlaybackStatus": STATUS.get(snap.state, "Stopped"),
        "Rate": float(speed),
        "MinimumRate": float(speed),
        "MaximumRate": float(speed),
        "Metadata": metadata(snap, routine_title, atlas),
        "Volume": 0.0 if muted else 1.0,
        "Position": round(snap.elapsed * 1_000_000),
        "CanGoNext": live and snap.index < snap.phase_count - 1,
        "CanGoPrevious": live,
        "CanPlay": usable,
        "CanPause": usable,
        "CanSeek": False,
        "CanControl": True,
    }
