"""A mutable routine draft for the editor: YAML through serialize, problems mapped to fields."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import yaml

from tpguide.core.atlas.atlas import Atlas
from tpguide.core.atomic_io import SHARED, write_atomic
from tpguide.core.bounded_read import read_bounded
from tpguide.core.i18n import _
from tpguide.core.record import field, record, replace
from tpguide.core.routines.loader import LoadResult, load_routine_file, load_routine_text
from tpguide.core.routines.routine import (
    BUILTIN_DEFAULTS,
    SETTING_NAMES,
    PointStep,
    RestStep,
    Routine,
    Settings,
    Step,
)
from tpguide.core.routines.serialize import routine_to_yaml, slug_from_name
from tpguide.core.routines.yamlsafe import MAX_BYTES, Mapping, Node, Sequence, parse
from tpguide.core.session.planner import Plan, make_plan

SettingValue = str | int | float


@record
class PointDraft:
    """A point step being edited; ``values`` holds only the settings it sets itself."""

    point: str
    values: dict[str, SettingValue] = field(default_factory=dict)
    instructions: str = ""
    say: str = ""


@record
class RestDraft:
    """A rest step being edited."""

    seconds: float = 60.0
    instructions: str = ""
    say: str = ""


StepDraft = PointDraft | RestDraft


@record(frozen=True)
class Effective:
    """One setting as a step will use it, and where the value comes from."""

    name: str
    value: SettingValue
    source: str  # "step", "defaults" or "built-in"

    @property
    def overridden(self) -> bool:
        return self.source == "step"


@record
class RoutineDraft:
    """Everything a routine file says, as plain mutable fields the editor's widgets write."""

    id: str = ""
    title: str = ""
    summary: str = ""
    description: str = ""
    author: str = ""
    tags: list[str] = field(default_factory=list)
    safety: list[str] = field(default_factory=list)
    defaults: dict[str, SettingValue] = field(default_factory=dict)
    steps: list[StepDraft] = field(default_factory=list)

    @classmethod
    def from_routine(cls, routine: Routine) -> RoutineDraft:
        defaults = {n: getattr(routine.defaults, n) for n in SETTING_NAMES
                    if getattr(routine.defaults, n) != getattr(BUILTIN_DEFAULTS, n)}
        return cls(id=routine.id, title=routine.title, summary=routine.summary or "",
                   description=routine.description or "", author=routine.author or "",
                   tags=list(routine.tags), safety=list(routine.safety), defaults=defaults,
                   steps=[_step_draft(s) for s in routine.steps])

    def copy(self) -> RoutineDraft:
        return copy.deepcopy(self)

    def duplicate(self, suffix: str = " (copy)") -> RoutineDraft:
        """A copy to save under a new id, so it never replaces the original in the library."""
        twin = self.copy()
        twin.id = (self.id or "routine")[:59] + "-copy"
        twin.title = (self.title + suffix)[:120]
        return twin

    # -- conversion ------------------------------------------------------------
    def default_settings(self) -> Settings:
        return BUILTIN_DEFAULTS.with_overrides(**self.defaults)

    def to_routine(self) -> Routine:
        """The Routine the draft means (unchecked: the loader judges it through ``check``)."""
        defaults = self.default_settings()
        steps: list[Step] = []
        for s in self.steps:
            if isinstance(s, PointDraft):
                steps.append(PointStep(s.point, defaults.with_overrides(**s.values),
                                       _opt(s.instructions), _opt(s.say), frozenset(s.values)))
            else:
                steps.append(RestStep(s.seconds, _opt(s.say), _opt(s.instructions)))
        return Routine(id=self.id, title=self.title, steps=tuple(steps), defaults=defaults,
                       summary=_opt(self.summary), description=_opt(self.description),
                       author=_opt(self.author), tags=tuple(self.tags),
                       safety=tuple(self.safety))

    def to_yaml(self) -> str:
        return routine_to_yaml(self.to_routine())

    # -- inheritance -----------------------------------------------------------
    def default_source(self, name: str) -> str:
        return "defaults" if name in self.defaults else "built-in"

    def effective(self, index: int) -> list[Effective]:
        """The nine settings of a point step, each marked as its own or inherited."""
        step = self.steps[index]
        if not isinstance(step, PointDraft):
            return []
        base = self.default_settings()
        return [Effective(n, step.values[n], "step") if n in step.values
                else Effective(n, getattr(base, n), self.default_source(n))
                for n in SETTING_NAMES]

    # -- step operations -------------------------------------------------------
    def add_point(self, point_id: str, at: int | None = None, atlas: Atlas | None = None) -> int:
        """Insert a point step; with an atlas, its limits are applied to what it would inherit."""
        index = len(self.steps) if at is None else max(0, min(at, len(self.steps)))
        self.steps.insert(index, PointDraft(point_id))
        if atlas is not None:
            self.fit_to_point(index, atlas)
        return index

    def add_rest(self, seconds: float = 60.0, at: int | None = None) -> int:
        index = len(self.steps) if at is None else max(0, min(at, len(self.steps)))
        self.steps.insert(index, RestDraft(seconds))
        return index

    def remove(self, index: int) -> StepDraft:
        return self.steps.pop(index)

    def move(self, source: int, dest: int) -> None:
        """Move one step so that it ends up at index ``dest``."""
        step = self.steps.pop(source)
        self.steps.insert(max(0, min(dest, len(self.steps))), step)

    def fit_to_point(self, index: int, atlas: Atlas) -> None:
        """Override inherited values the atlas does not allow for this step's point."""
        step = self.steps[index]
        point = atlas.get(step.point) if isinstance(step, PointDraft) else None
        if point is None or not isinstance(step, PointDraft):
            return
        now = {e.name: e.value for e in self.effective(index)}
        if now["side"] == "together" and point.one_side_at_a_time:
            step.values["side"] = "both"
        if point.tools and now["tool"] not in point.tools:
            step.values["tool"] = point.tools[0]
        if isinstance(now["pressure"], int) and now["pressure"] > point.max_pressure:
            step.values["pressure"] = point.max_pressure


def _step_draft(step: Step) -> StepDraft:
    if isinstance(step, PointStep):
        values = {n: getattr(step.settings, n) for n in SETTING_NAMES if n in step.overridden}
        return PointDraft(step.point, values, step.instructions or "", step.say or "")
    return RestDraft(step.rest, step.instructions or "", step.say or "")


def _opt(text: str) -> str | None:
    return text if text else None


def id_from_title(title: str) -> str:
    """A routine id made from its title, for new routines whose author never typed one."""
    return slug_from_name(title.strip() or "my-routine")


def normalized(routine: Routine) -> Routine:
    """The routine without where it was read from, so saved and drafted ones compare equal.

    ``until_eased`` is compared by its effective value on each step: the serializer never
    writes ``false``, so where a step turns off a default ``true`` it moves the setting onto
    the steps that keep it.
    """
    steps = tuple(replace(_eased_own(s), line=0) for s in routine.steps)
    return replace(routine, steps=steps, defaults=replace(routine.defaults, until_eased=False),
                   source=None)


def _eased_own(step: Step) -> Step:
    if not isinstance(step, PointStep):
        return step
    own = step.overridden - {"until_eased"}
    return replace(step, overridden=own | ({"until_eased"} if step.settings.until_eased else set()))


def same_routine(a: Routine, b: Routine) -> bool:
    return normalized(a) == normalized(b)


# -- validation mapped back to the draft ----------------------------------------
@record(frozen=True)
class Issue:
    """A loader diagnostic, with the field (``key``) and step it concerns."""

    severity: str
    message: str
    line: int
    column: int
    key: str | None  # "title", "tags", "defaults.press", "steps", or a step's key
    step: int | None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@record(frozen=True)
class Check:
    """What the loader and planner make of a draft right now."""

    text: str
    result: LoadResult
    issues: tuple[Issue, ...]
    plan: Plan

    @property
    def ok(self) -> bool:
        return self.result.routine is not None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    def for_key(self, key: str) -> list[Issue]:
        return [i for i in self.issues if i.step is None and i.key == key]

    def for_step(self, index: int, key: str | None = None) -> list[Issue]:
        return [i for i in self.issues if i.step == index and (key is None or i.key == key)]


_Place = tuple[int, int, str | None, int | None]


def _node_places(node: Node, key: str | None, step: int | None) -> list[_Place]:
    places: list[_Place] = [(node.line, node.column, key, step)]
    if isinstance(node, Sequence):
        places += [(n.line, n.column, key, step) for n in node.items]
    return places


def _places(root: Node | None) -> list[_Place]:
    if not isinstance(root, Mapping):
        return []
    places: list[_Place] = []
    for key, value in root.items:
        places.append((key.line, key.column, key.value, None))
        if key.value == "defaults" and isinstance(value, Mapping):
            for k, v in value.items:
                name = f"defaults.{k.value}"
                places += [(k.line, k.column, name, None), *_node_places(v, name, None)]
        elif key.value == "steps" and isinstance(value, Sequence):
            for i, item in enumerate(value.items):
                places.append((item.line, item.column, None, i))
                for k, v in item.items if isinstance(item, Mapping) else []:
                    places += [(k.line, k.column, k.value, i), *_node_places(v, k.value, i)]
        else:
            places += _node_places(value, key.value, None)
    return places


def _locate(places: list[_Place], line: int, column: int) -> tuple[str | None, int | None]:
    exact = [p for p in places if (p[0], p[1]) == (line, column)]
    if exact:
        best = next((p for p in exact if p[2] is not None), exact[0])
        return best[2], best[3]
    before = [p for p in places if (p[0], p[1]) <= (line, column)]
    return (before[-1][2], before[-1][3]) if before else (None, None)


def check(draft: RoutineDraft, atlas: Atlas | None = None) -> Check:
    """Validate the draft's YAML with the real loader; each problem names its field and step."""
    text = draft.to_yaml()
    result = load_routine_text(text, atlas)
    places = _places(parse(text).root)
    issues = []
    for d in result.diagnostics:
        key, step = _locate(places, d.line, d.column)
        issues.append(Issue(d.severity, d.message, d.line, d.column, key, step))
    return Check(text, result, tuple(issues), make_plan(draft.to_routine()))


# -- files ------------------------------------------------------------------------
class SaveError(Exception):
    """Saving failed; the message says why, and the file on disk is as it was."""


def read_text(path: Path) -> str | None:
    """A file's text, or None when there is no such file."""
    try:
        return read_bounded(path, MAX_BYTES).decode("utf-8", errors="replace")
    except FileNotFoundError:
        return None


def changed_on_disk(path: Path, original_text: str | None) -> bool:
    """True when someone changed or removed the file since we read ``original_text``."""
    return original_text is not None and read_text(path) != original_text


def _restore(path: Path, original_text: str | None) -> None:
    if original_text is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, original_text.encode("utf-8"), mode=SHARED)


def save_draft(path: Path, text: str, *, original_text: str | None,
               expected: Routine | None = None, atlas: Atlas | None = None) -> Routine:
    """Write atomically, read back, and keep the file only if it means the same routine.

    ``original_text`` is what the file held before (None: it did not exist); it is put
    back when the written file does not load to ``expected`` (default: what ``text`` means).
    """
    wanted = load_routine_text(text, atlas)
    if wanted.routine is None:
        raise SaveError(_("the routine has errors; fix them before saving"))
    target = expected if expected is not None else wanted.routine
    if not same_routine(wanted.routine, target):
        raise SaveError(_("the YAML text does not describe the routine being edited"))
    try:
        write_atomic(path, text.encode("utf-8"), mode=SHARED)
    except OSError as exc:
        raise SaveError(_("could not write {file}: {reason}").format(
            file=path, reason=exc.strerror or exc)) from exc
    try:
        back: LoadResult | None = load_routine_file(path, atlas)
    except OSError:
        back = None
    if back is None or back.routine is None or not same_routine(back.routine, target):
        try:
            _restore(path, original_text)
        except OSError as exc:
            raise SaveError(_("{file} did not load back correctly and could not be restored: "
                              "{reason}").format(file=path, reason=exc.strerror or exc)) from exc
        raise SaveError(_("{file} did not load back as the same routine; the previous version "
                          "was kept").format(file=path))
    return back.routine


def has_comments(text: str) -> bool:
    """True when the text has YAML comments a save would lose.

    A first-line ``# yaml-language-server: $schema=...`` counts too: tpguide writes none.
    """
    try:
        spans = [(t.start_mark.index, t.end_mark.index) for t in yaml.scan(text)
                 if isinstance(t, yaml.ScalarToken)]
    except yaml.YAMLError:
        spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        for match in re.finditer("#", line):
            at = offset + match.start()
            after_space = match.start() == 0 or line[match.start() - 1] in " \t"
            in_scalar = any(start <= at < end for start, end in spans)
            if after_space and not in_scalar:
                return True
        offset += len(line)
    return False
