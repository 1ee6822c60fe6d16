"""Turns routine files into Routines, or into located, fixable diagnostics.

Files arrive from other people, so the loader trusts nothing: ``yamlsafe``
refuses hostile structure on the event stream, then every value is judged from
its text against the tables in ``rules`` (single values by ``validator``). Bad
values are replaced by what they would have inherited, so one typo does not hide
the other problems (the whole-routine length is still checked).
"""

from __future__ import annotations

import os
from os import PathLike  # not pathlib: validate starts without it

from tpguide.core.atlas.atlas import Atlas, Point, default_atlas
from tpguide.core.bounded_read import read_bounded
from tpguide.core.i18n import _, ngettext
from tpguide.core.record import field, record, replace
from tpguide.core.routines import rules
from tpguide.core.routines.builtin_text import in_reader_language
from tpguide.core.routines.diagnostics import Diagnostic, capped, quote
from tpguide.core.routines.durations import format_length, format_seconds
from tpguide.core.routines.routine import PointStep, RestStep, Routine, Settings, Step
from tpguide.core.routines.validator import SLUG, Validator, kind_name, listed, suggest
from tpguide.core.routines.yamlsafe import MAX_BYTES, Mapping, Node, Scalar, Sequence, decode, parse
from tpguide.core.session.planner import Plan, make_plan
from tpguide.core.session.prompts import unsaid_say_lines


@record(frozen=True)
class LoadResult:
    """What loading one file gave: a Routine when it has no errors, and every diagnostic."""

    routine: Routine | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    total_seconds: float | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def ok(self) -> bool:
        return self.routine is not None


@record
class _Origin:
    """Where an effective setting came from, so a problem is reported at that value."""

    node: Node | None
    from_defaults: bool


class _RoutineValidator(Validator):
    """Walks one routine document, collecting diagnostics and a best-effort Routine."""

    def __init__(self, atlas: Atlas) -> None:
        super().__init__(atlas)
        self.defaults = Settings()
        self.defaults_origin: dict[str, _Origin] = {}
        self.steps: list[Step] = []
        self.defaults_issues: dict[tuple[int, str, str], list[str]] = {}
        self._defaults_nodes: dict[int, Node] = {}
        self.say_keys: dict[int, Scalar] = {}  # id(step) -> its 'say' key

    # -- a problem with a defaults value, reported once -------------------
    def _defaults_issue(self, node: Node, severity: str, message: str, point: str) -> None:
        self.defaults_issues.setdefault((id(node), severity, message), []).append(point)
        self._defaults_nodes[id(node)] = node

    def _flush_defaults_issues(self) -> None:
        for (node_id, severity, message), points in self.defaults_issues.items():
            node = self._defaults_nodes[node_id]
            text = message.replace("{points}", listed(points))
            if severity == "error":
                self.error(node, text)
            else:
                self.warn(node, text)

    # -- the document ------------------------------------------------------
    def routine(self, root: Node | None) -> tuple[Routine | None, float | None]:
        if root is None or (isinstance(root, Scalar) and root.is_null):
            self.diags.append(Diagnostic(1, 1, "error", _(
                "the file is empty; not a tpguide routine (a routine starts with 'tpguide: 1')")))
            return None, None
        if not isinstance(root, Mapping):
            self.error(root, _("not a tpguide routine: the file must be a mapping of keys such "
                               "as 'tpguide: 1', 'id', 'title' and 'steps'"))
            return None, None
        if not self.version(root):
            return None, None
        fields = self.top_level(root)
        self._flush_defaults_issues()
        plan = make_plan(Routine(id="", title="", steps=tuple(self.steps)))  # the steps read
        if (steps_key := root.get("steps")) is not None:
            self.total_checks(steps_key[0], plan.total_seconds)
        self.say_checks(plan)
        routine = Routine(
            id=str(fields.get("id") or ""),
            title=str(fields.get("title") or ""),
            steps=tuple(self.steps),
            defaults=self.defaults,
            summary=_opt(fields.get("summary")),
            description=_opt(fields.get("description")),
            author=_opt(fields.get("author")),
            tags=tuple(_strs(fields.get("tags"))),
            safety=tuple(_strs(fields.get("safety"))),
        )
        return routine, plan.total_seconds

    def version(self, root: Mapping) -> bool:
        found = root.get("tpguide")
        if found is None:
            self.error(root, _("not a tpguide routine: add 'tpguide: 1' at the top"))
            return True
        key, node = found
        value = self.integer(key, node, 0, 10**6)
        if value is None:
            return True
        if value > rules.FORMAT_VERSION:
            self.diags[:] = [Diagnostic(node.line, node.column, "error", _(
                "written for a newer tpguide (format {found}); this tpguide reads format "
                "{format}: update tpguide to open it").format(
                found=value, format=rules.FORMAT_VERSION))]
            return False
        if value < rules.FORMAT_VERSION:
            self.error(node, _("tpguide must be {format}; got {found}").format(
                format=rules.FORMAT_VERSION, found=value))
        return True

    def top_level(self, root: Mapping) -> dict[str, object]:
        fields: dict[str, object] = {}
        self.required(root, rules.REQUIRED_TOP[1:], _("the routine"))  # 'tpguide': version()
        defaults = root.get("defaults")
        if defaults is not None:
            self.read_defaults(*defaults)
        for key, node in root.items:
            name = key.value
            if name in rules.TOP_TEXT:
                fields[name] = self.text(key, node, rules.TOP_TEXT[name])
            elif name == "tags":
                fields[name] = self.tags(key, node)
            elif name == "safety":
                fields[name] = self.safety(key, node)
            elif name == "steps":
                self.read_steps(key, node)
            elif name not in ("tpguide", "defaults"):
                self.unknown_key(key, rules.TOP_KEYS, _("a top-level key"))
        return fields

    def tags(self, key: Scalar, node: Node) -> list[str]:
        items = self.sequence(key, node, _("a list of tags such as [headache, neck]"))
        tags: list[str] = []
        for i, item in enumerate(items):
            if i == rules.MAX_TAGS:
                self.error(item, _("too many tags: at most {count}; remove this one and those "
                                   "after it").format(count=rules.MAX_TAGS))
                break
            if not isinstance(item, Scalar) or item.is_null:
                self.error(item, _("a tag must be a word such as 'headache'"))
            elif not SLUG.fullmatch(item.value):
                self.error(item, _("tag {tag} must be lower-case letters, digits and "
                                   "hyphens").format(tag=quote(item.value)))
            else:
                tags.append(item.value)
        return tags

    def safety(self, key: Scalar, node: Node) -> list[str]:
        lines: list[str] = []
        for item in self.sequence(key, node, _("a list of cautions, one per line")):
            if not isinstance(item, Scalar) or item.is_null:
                self.error(item, _("each safety line must be text"))
            else:
                lines.append(item.value)
        return lines

    def read_defaults(self, key: Scalar, node: Node) -> None:
        if not isinstance(node, Mapping):
            if isinstance(node, Scalar) and node.is_null:
                self.error(key, _("'defaults' has no value; write settings such as "
                                  "'press: 30s' under it, or remove it"))
            else:
                self.error(node, _("'defaults' must be a mapping of settings, not {kind}").format(
                    kind=kind_name(node)))
            return
        values: dict[str, object] = {}
        for k, v in node.items:
            if k.value in ("point", "say", "instructions"):
                self.error(k, _("{key} cannot go in defaults; set it on each step").format(
                    key=quote(k.value)))
            elif k.value not in rules.SETTINGS:
                self.unknown_key(k, tuple(rules.SETTINGS), _("a setting"))
            else:
                value = self.setting(k, v)
                if value is not None:
                    values[k.value] = value
                    self.defaults_origin[k.value] = _Origin(v, True)
        self.defaults = Settings().with_overrides(**values)

    def read_steps(self, key: Scalar, node: Node) -> None:
        items = self.sequence(key, node, _("a list of steps"))
        if isinstance(node, Sequence) and not items:
            self.error(node, _("'steps' is empty; add at least one step"))
        for i, item in enumerate(items):
            if i == rules.MAX_STEPS:
                self.error(item, _("too many steps: at most {count}; split the routine").format(
                    count=rules.MAX_STEPS))
                break
            step = self.step(item)
            if step is not None and isinstance(item, Mapping):
                self.steps.append(step)
                if (say := item.get("say")) is not None:
                    self.say_keys[id(step)] = say[0]

    def step(self, node: Node) -> Step | None:
        if not isinstance(node, Mapping):
            self.error(node, _("each step must be a mapping with 'point' or 'rest', "
                               "not {kind}").format(kind=kind_name(node)))
            return None
        if node.get("point") is not None:
            return self.point_step(node)
        if node.get("rest") is not None:
            return self.rest_step(node)
        self.error(node, _("a step needs 'point' (press a point) or 'rest' (a pause)"))
        for k, _value in node.items:
            if k.value not in rules.ALL_STEP_KEYS:
                self.unknown_key(k, rules.ALL_STEP_KEYS, _("a step setting"))
        return None

    def rest_step(self, node: Mapping) -> RestStep | None:
        texts: dict[str, str | None] = {}
        seconds: float | None = None
        for k, v in node.items:
            if k.value == "rest":
                seconds = self.duration(k, v, rules.REST_STEP_MIN, rules.REST_STEP_MAX)
            elif k.value in rules.STEP_TEXT:
                texts[k.value] = self.text(k, v, rules.STEP_TEXT[k.value])
            elif k.value in rules.SETTINGS or k.value in rules.ALL_STEP_KEYS:
                self.error(k, _("{key} is not a rest step setting (a step without 'point' is a "
                                "rest step); add 'point' or remove it").format(key=quote(k.value)))
            else:
                self.unknown_key(k, rules.REST_STEP_KEYS, _("a rest step setting"))
        return RestStep(rest=seconds or 0.0, say=texts.get("say"),
                        instructions=texts.get("instructions"), line=node.line)

    def point_step(self, node: Mapping) -> PointStep:
        values: dict[str, object] = {}
        origin = dict(self.defaults_origin)
        texts: dict[str, str | None] = {}
        point_id = ""
        point_node: Node = node
        for k, v in node.items:
            name = k.value
            if name == "point":
                point_id = self.point_id(k, v) or ""
                point_node = v
            elif name in rules.SETTINGS:
                value = self.setting(k, v)
                if value is not None:
                    values[name] = value
                    origin[name] = _Origin(v, False)
            elif name in rules.STEP_TEXT:
                texts[name] = self.text(k, v, rules.STEP_TEXT[name])
            else:
                self.unknown_key(k, rules.POINT_STEP_KEYS, _("a step setting"))
        settings = self.defaults.with_overrides(**values)
        point = self.atlas.get(point_id)
        if point is not None:
            self.point_checks(point, settings, origin, point_node)
        self.long_pressure(point_id, settings, origin, node)
        return PointStep(point=point_id, settings=settings, instructions=texts.get("instructions"),
                         say=texts.get("say"), overridden=frozenset(values), line=node.line)

    def point_id(self, key: Scalar, node: Node) -> str | None:
        value = self.scalar(key, node, _("write an atlas point id such as 'upper-trapezius.1'"))
        if value is None:
            return None
        if self.atlas.get(value.value) is None:
            self.error(value, _("unknown point {point}{suggestion} (see 'tpguide points')").format(
                point=quote(value.value), suggestion=suggest(value.value, self.atlas.points)))
            return None
        return value.value

    def report(self, origin: _Origin | None, fallback: Node, severity: str,
               message: str, point: str) -> None:
        """At the step's own value, or once at the defaults value it inherited."""
        if origin is not None and origin.from_defaults and origin.node is not None:
            self._defaults_issue(origin.node, severity, message.replace(point, "{points}"), point)
            return
        node = origin.node if origin is not None and origin.node is not None else fallback
        self.diags.append(Diagnostic(node.line, node.column, severity,  # type: ignore[arg-type]
                                     message))

    def point_checks(self, point: Point, s: Settings, origin: dict[str, _Origin],
                     at: Node) -> None:
        if s.side == "together" and point.one_side_at_a_time:
            self.report(origin.get("side"), at, "error",
                        _("side 'together' is not allowed for {point}: work it one side at a time "
                          "(structures beneath make pressing both sides at once unsafe)").format(
                            point=point.id),
                        point.id)
        if s.pressure <= rules.ADVISED_MAX_PRESSURE and s.pressure > point.max_pressure:
            self.report(origin.get("pressure"), at, "warning",
                        _("pressure {level}/10 is above the atlas limit of {limit}/10 for "
                          "{point}").format(level=s.pressure, limit=point.max_pressure,
                                            point=point.id), point.id)
        if point.tools and s.tool not in point.tools:
            self.report(origin.get("tool"), at, "warning",
                        _("the atlas does not list tool {tool} for {point} (it lists "
                          "{tools})").format(tool=quote(s.tool), point=point.id,
                                             tools=", ".join(point.tools)), point.id)

    def long_pressure(self, point_id: str, s: Settings, origin: dict[str, _Origin],
                      step: Mapping) -> None:
        seconds = s.press * s.cycles
        if seconds <= rules.MAX_PRESSURE_ON_ONE_POINT:
            return
        press, cycles = origin.get("press"), origin.get("cycles")
        chosen = next((o for o in (press, cycles) if o is not None and not o.from_defaults),
                      press or cycles)
        label = point_id or _("this point")
        self.report(chosen, step, "warning", ngettext(
            "{seconds} s of pressure on {point} on one side (press {press} s x {cycles} "
            "cycle); more than 5 minutes on one point in one step is rarely advised",
            "{seconds} s of pressure on {point} on one side (press {press} s x {cycles} "
            "cycles); more than 5 minutes on one point in one step is rarely advised",
            s.cycles).format(seconds=format_seconds(seconds), point=label,
                             press=format_seconds(s.press), cycles=s.cycles), label)

    def say_checks(self, plan: Plan) -> None:
        """A session never lets speech run into the next tone: too long a say: is shown only."""
        for index, seconds in unsaid_say_lines(plan.phases):
            phase = plan.phases[index]  # say is set on a step's first phase only
            if (key := self.say_keys.get(id(self.steps[phase.step or 0]))) is not None:
                self.warn(key, _(
                    "say takes about {seconds} s to speak, more than the {room} s {phase} phase "
                    "it starts has room for after its tone; it will be shown, not spoken (make "
                    "{phase} longer or the text shorter)").format(
                    seconds=format_seconds(round(seconds, 1)),
                    room=format_seconds(phase.duration), phase=phase.kind))

    def total_checks(self, steps_key: Scalar, total: float) -> None:
        if total > rules.MAX_TOTAL_SECONDS:
            self.error(steps_key, _("the routine takes {length}; the limit is 3 hours, split it "
                                    "into shorter routines").format(length=format_length(total)))
        elif total > rules.LONG_TOTAL_SECONDS:
            self.warn(steps_key, _("the routine takes {length}; sessions over 60 minutes are long "
                                   "for self-treatment").format(length=format_length(total)))


def _opt(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _strs(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def load_routine_text(text: str, atlas: Atlas | None = None) -> LoadResult:
    """Validate routine text; the Routine is given only when there are no errors."""
    parsed = parse(text)
    if parsed.refusals:
        return LoadResult(None, capped(parsed.refusals + parsed.extra))
    validator = _RoutineValidator(atlas or default_atlas())
    routine, total = validator.routine(parsed.root)
    diagnostics = capped(validator.diags + parsed.extra)
    has_errors = any(d.is_error for d in diagnostics)
    return LoadResult(None if has_errors else routine, diagnostics, total)


def load_routine_bytes(data: bytes, atlas: Atlas | None = None) -> LoadResult:
    text, refusal = decode(data)
    if refusal is not None or text is None:
        return LoadResult(None, [refusal] if refusal else [])
    return load_routine_text(text, atlas)


def read_limited(path: str | PathLike[str]) -> bytes:
    """At most the size limit plus one byte, so a huge file is refused cheaply; a named
    pipe, device or folder is refused (NotAFileError, an OSError) instead of hanging."""
    return read_bounded(path, MAX_BYTES)


def load_routine_file(path: str | PathLike[str], atlas: Atlas | None = None) -> LoadResult:
    """Raises OSError when the file cannot be read; everything else is a diagnostic.

    A built-in routine comes in the reader's language (``builtin_text``).
    """
    result = load_routine_bytes(read_limited(path), atlas)
    if result.routine is not None:
        routine = in_reader_language(replace(result.routine, source=os.fspath(path)))
        return LoadResult(routine, result.diagnostics, result.total_seconds)
    return result
