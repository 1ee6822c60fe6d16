"""Where the active language's voice prompts are, and how long each one is, without decoding.

A voice pack is ``assets/voice/<language>/``: one Ogg Vorbis file per prompt (22.05 kHz mono,
espeak-ng's own rate; the cue player decodes the ones a session needs to the mixer's 44.1 kHz)
and ``manifest.tsv``, written by ``assets/tools/make_voice.py``, with each prompt's file, exact
length in samples and words. The planner fits prompts between the tones from those lengths
(``prompts``), so it never decodes anything, and ``tpguide validate`` reads one small text file.

The manifest is tab-separated rather than JSON: its lines are ``name, file, samples, ms,
text`` (the text last; it never holds a tab or a newline), and ``#`` lines carry the
generator's settings. Reading it needs no ``json`` import on ``tpguide validate``'s path.

The pseudo-language speaks English; a language without a pack of its own does too.
"""

from __future__ import annotations

import os
import wave
from collections.abc import Mapping

from tpguide import resources
from tpguide.core.i18n import active_language

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from os import PathLike

VOICE_LANGUAGES: tuple[str, ...] = ("en", "es")
"""Languages with a voice pack (the shipped list the generator renders and tests check)."""
FALLBACK = "en"
MANIFEST = "manifest.tsv"
COLUMNS = ("name", "file", "samples", "ms", "text")


def pack_language(language: str | None = None) -> str:
    """The pack that speaks ``language`` (the active one by default)."""
    language = active_language() if language is None else language
    return language if language in VOICE_LANGUAGES else FALLBACK


def voice_location(language: str | None = None) -> str:
    """The folder of the pack for ``language`` (the active one by default), as text."""
    return resources.location(f"voice/{pack_language(language)}")


# -- one pack's manifest -----------------------------------------------------------------------
class Entry:
    """One prompt of a pack: its file (in the pack's folder), length and words."""

    __slots__ = ("file", "samples", "seconds", "text")

    def __init__(self, file: str, samples: int, seconds: float, text: str) -> None:
        self.file, self.samples, self.seconds, self.text = file, samples, seconds, text


def read_manifest(folder: str | PathLike[str]) -> tuple[dict[str, str], dict[str, Entry]]:
    """The settings line's ``key=value`` pairs and every prompt by name; empty when there is
    no readable manifest (then no prompt can be planned or played)."""
    path = os.path.join(os.fspath(folder), MANIFEST)
    settings: dict[str, str] = {}
    entries: dict[str, Entry] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return settings, entries
    for line in lines:
        if line.startswith("#"):
            for pair in line[1:].split():
                key, _, value = pair.partition("=")
                if value:
                    settings[key] = value
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS) or fields[0] == COLUMNS[0]:
            continue
        name, file, samples, _ms, text = fields
        rate = int(settings.get("sample_rate", "0") or 0)
        if not samples.isdigit() or rate <= 0 or "/" in file or file.startswith("."):
            continue
        entries[name] = Entry(file, int(samples), int(samples) / rate, text)
    return settings, entries


class PackLengths(Mapping[str, float]):
    """Seconds of each prompt in one pack, from its manifest (read on first use only:
    ``tpguide validate`` of a routine with no voice needs none of it)."""

    def __init__(self, folder: str | PathLike[str], skip: str | None = None,
                 shared: dict[str, Entry] | None = None) -> None:
        self.folder = os.fspath(folder)
        self._skip = skip  # names starting with this are left out (see prompts.unsaid_say_lines)
        self._entries = shared

    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = read_manifest(self.folder)[1]
        return self._entries

    def path(self, name: str) -> str | None:
        """The file of prompt ``name``, or None when the pack has no such prompt."""
        entry = self.entries().get(name) if name in self else None
        return None if entry is None else os.path.join(self.folder, entry.file)

    def _skipped(self, name: str) -> bool:
        return bool(self._skip) and name.startswith(self._skip or "")

    def __getitem__(self, name: str) -> float:
        if self._skipped(name):
            raise KeyError(name)
        return self.entries()[name].seconds

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and not self._skipped(name) and name in self.entries()

    def __iter__(self) -> Iterator[str]:
        return iter([name for name in sorted(self.entries()) if not self._skipped(name)])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def may_hold(self, prefix: str) -> bool:
        """Whether names starting with ``prefix`` can be here (not after ``without(prefix)``)."""
        return not (self._skip and prefix.startswith(self._skip))

    def without(self, prefix: str) -> PackLengths:
        """The same pack with the names starting with ``prefix`` left out (the manifest read
        already is shared)."""
        return PackLengths(self.folder, prefix, self.entries())


# -- tones: lengths from WAV headers ------------------------------------------------------------
def wav_seconds(path: str | PathLike[str]) -> float:
    """A WAV file's length from its header (no samples read)."""
    with wave.open(os.fspath(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


class WavLengths(Mapping[str, float]):
    """Seconds of each ``<name>.wav`` in a folder (the tones), each header read on first use.
    A file that is missing or cannot be read has no length: it cannot be played either."""

    def __init__(self, folder: str | PathLike[str]) -> None:
        self._folder = os.fspath(folder)
        self._known: dict[str, float | None] = {}

    def _length(self, name: object) -> float | None:
        if not isinstance(name, str) or "/" in name or name.startswith("."):
            return None
        if name not in self._known:
            try:
                self._known[name] = wav_seconds(os.path.join(self._folder, f"{name}.wav"))
            except (OSError, EOFError, wave.Error, ZeroDivisionError):
                self._known[name] = None
        return self._known[name]

    def __getitem__(self, name: str) -> float:
        seconds = self._length(name)
        if seconds is None:
            raise KeyError(name)
        return seconds

    def __contains__(self, name: object) -> bool:
        return self._length(name) is not None

    def __iter__(self) -> Iterator[str]:
        try:
            files = sorted(os.listdir(self._folder))
        except OSError:
            files = []
        stems = (f[:-len(".wav")] for f in files if f.endswith(".wav"))
        return iter([stem for stem in stems if stem in self])

    def __len__(self) -> int:
        return sum(1 for _ in self)
