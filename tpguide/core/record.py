"""Plain data classes without the ``dataclasses`` module: ``@record``, ``field``, ``replace``.

Why not ``dataclasses``: it imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``) and
compiles five or six functions for every class, about half a millisecond each here. The
twenty classes that ``tpguide validate`` touches cost more than reading and checking the
routine does; the main window pays it again before its first paint. A record compiles one
``__init__``; equality, hashing, ordering and ``repr`` are shared functions.

What it does is what this project uses of ``dataclasses``, with the same meaning: fields
from the class's annotations in order (inherited fields first), defaults and
``field(default_factory=..., compare=False, repr=False)``, ``frozen`` (assignment raises
``FrozenInstanceError``, an AttributeError), ``order``, ``slots``, ``__post_init__``,
``replace``, ``fields`` and ``asdict``. Type checkers see it through ``dataclass_transform``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported at run time (it costs start-up too)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform, overload

    T = TypeVar("T")
    C = TypeVar("C", bound=type)

_MISSING: object = type("_Missing", (), {"__repr__": lambda _self: "MISSING"})()
_object_setattr = object.__setattr__


class FrozenInstanceError(AttributeError):
    """Assigning to (or deleting) a field of a frozen record."""


class Field:
    """One field of a record: its name, default (or factory) and whether it is compared."""

    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default: object = _MISSING, default_factory: object = _MISSING,
                 repr: bool = True, compare: bool = True) -> None:  # noqa: A002 (dataclasses' name)
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    def __repr__(self) -> str:
        return f"Field(name={self.name!r})"


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | None = None,
          repr: bool = True, compare: bool = True) -> Any:  # noqa: A002 (dataclasses' names)
    """A field's default made per instance (``default_factory``) or left out of ``==``/repr."""
    return Field(default, _MISSING if default_factory is None else default_factory, repr, compare)


def _fields_of(cls: type) -> list[Field]:
    """Inherited fields first (a redefinition keeps its place), then this class's own."""
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__record_fields__", ()):
            found[f.name] = f
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if isinstance(annotation, str) and annotation.split("[", 1)[0].endswith("ClassVar"):
            continue
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        found[name] = f
    return list(found.values())


def _make_init(cls: type, fields: list[Field], frozen: bool, slots: bool) -> object:
    """``__init__`` compiled for these fields: as fast per instance as the dataclass one."""
    args, body = ["self"], []
    scope: dict[str, object] = {"_MISSING": _MISSING, "_set": _object_setattr}
    seen_default = False
    for i, f in enumerate(fields):
        if f.default is not _MISSING:
            scope[f"_d{i}"] = f.default
            args.append(f"{f.name}=_d{i}")
            value = f.name
        elif f.default_factory is not _MISSING:
            scope[f"_f{i}"] = f.default_factory
            args.append(f"{f.name}=_MISSING")
            value = f"_f{i}() if {f.name} is _MISSING else {f.name}"
        else:
            if seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            args.append(f.name)
            value = f.name
        seen_default = seen_default or f.default is not _MISSING \
            or f.default_factory is not _MISSING
        if frozen and slots:
            body.append(f"_set(self, {f.name!r}, {value})")
        elif frozen:
            body.append(f"_d[{f.name!r}] = {value}")
        else:
            body.append(f"self.{f.name} = {value}")
    if frozen and not slots and fields:
        body.insert(0, "_d = self.__dict__")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = f"def __init__({', '.join(args)}):\n " + "\n ".join(body or ["pass"])
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), scope)  # noqa: S102
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    return init


def _key(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The values compared by ``==`` and ordering, as one tuple."""
    return lambda obj: tuple([getattr(obj, n) for n in names])


def _comparison(key: Callable[[object], tuple[Any, ...]],
                test: Callable[[tuple[Any, ...], tuple[Any, ...]], bool]) -> object:
    def method(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return test(key(self), key(other))
        return NotImplemented  # type: ignore[no-any-return]
    return method


def _methods(cls: type, fields: list[Field], frozen: bool, order: bool) -> dict[str, object]:
    key = _key(tuple(f.name for f in fields if f.compare))
    shown = tuple(f.name for f in fields if f.repr)

    def show(self: object) -> str:
        values = ", ".join(f"{n}={getattr(self, n)!r}" for n in shown)
        return f"{type(self).__qualname__}({values})"

    methods: dict[str, object] = {"__repr__": show,
                                  "__eq__": _comparison(key, lambda a, b: a == b)}
    if frozen:
        names = frozenset(f.name for f in fields)

        def assign(self: object, name: str, value: object) -> None:
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            _object_setattr(self, name, value)

        def delete(self: object, name: str) -> None:
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            object.__delattr__(self, name)

        methods.update(__setattr__=assign, __delattr__=delete)
    if order:
        methods.update(__lt__=_comparison(key, lambda a, b: a < b),
                       __le__=_comparison(key, lambda a, b: a <= b),
                       __gt__=_comparison(key, lambda a, b: a > b),
                       __ge__=_comparison(key, lambda a, b: a >= b))
    return methods


def _with_slots(cls: type, fields: list[Field]) -> type:
    """A new class like ``cls`` whose instances keep their fields in slots (no __dict__)."""
    inherited = {n for base in cls.__mro__[1:] for n in getattr(base, "__slots__", ())}
    own = tuple(f.name for f in fields if f.name not in inherited)
    body = {k: v for k, v in cls.__dict__.items()
            if k not in own and k not in ("__dict__", "__weakref__")}
    body["__slots__"] = own
    made = type(cls)(cls.__name__, cls.__bases__, body)
    made.__qualname__ = cls.__qualname__
    return made


def _process(cls: type, frozen: bool, order: bool, slots: bool) -> type:
    fields = _fields_of(cls)
    for f in fields:  # class attributes keep plain defaults only (as with dataclasses)
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is _MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    if slots:
        cls = _with_slots(cls, fields)
    own = dict(cls.__dict__)
    names = tuple(f.name for f in fields)
    setattr(cls, "__record_fields__", tuple(fields))  # noqa: B010 (no such attribute on type)
    setattr(cls, "__match_args__", names)  # noqa: B010
    if "__init__" not in own:
        setattr(cls, "__init__", _make_init(cls, fields, frozen, slots))  # noqa: B010
    for name, method in _methods(cls, fields, frozen, order).items():
        if name not in own:
            setattr(cls, name, method)
    # The rules of dataclasses: a frozen record hashes its compared fields, a mutable one is
    # unhashable, unless the class wrote its own __hash__ (not the None that __eq__ implies).
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if not explicit_hash:
        key = _key(tuple(f.name for f in fields if f.compare))
        setattr(cls, "__hash__", (lambda self: hash(key(self))) if frozen else None)  # noqa: B010
    if slots and frozen:  # copy and pickle cannot assign to a frozen slotted instance
        def getstate(self: object) -> tuple[object, ...]:
            return tuple(getattr(self, n) for n in names)

        def setstate(self: object, state: tuple[object, ...]) -> None:
            for n, v in zip(names, state, strict=True):
                _object_setattr(self, n, v)

        setattr(cls, "__getstate__", getstate)  # noqa: B010
        setattr(cls, "__setstate__", setstate)  # noqa: B010
    return cls


def _record(cls: type | None, frozen: bool, order: bool, slots: bool) -> Any:
    if cls is None:
        return lambda c: _process(c, frozen, order, slots)
    return _process(cls, frozen, order, slots)


if TYPE_CHECKING:
    @overload
    @dataclass_transform(field_specifiers=(field, Field))
    def record(cls: C, /) -> C: ...

    @overload
    def record(*, frozen: bool = False, order: bool = False,
               slots: bool = False) -> Callable[[C], C]: ...

    def record(cls: type | None = None, /, *, frozen: bool = False, order: bool = False,
               slots: bool = False) -> Any:
        return _record(cls, frozen, order, slots)
else:
    def record(cls=None, /, *, frozen=False, order=False, slots=False):
        """A data class: ``@record`` or ``@record(frozen=True, order=..., slots=...)``."""
        return _record(cls, frozen, order, slots)


def fields(obj: object) -> tuple[Field, ...]:
    """The fields of a record class or instance, in ``__init__`` order."""
    found: tuple[Field, ...] | None = getattr(obj, "__record_fields__", None)
    if found is None:
        raise TypeError(f"{obj!r} is not a record")
    return found


def replace(obj: T, /, **changes: object) -> T:
    """A copy of the record ``obj`` with some fields changed (it is built anew: checks run)."""
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)


def asdict(obj: object) -> dict[str, Any]:
    """The record as a dict, nested records, lists, tuples and dicts copied too."""
    return {f.name: _copied(getattr(obj, f.name)) for f in fields(obj)}


def _copied(value: object) -> Any:
    if hasattr(type(value), "__record_fields__"):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_copied(v) for v in value)
    if isinstance(value, dict):
        return {_copied(k): _copied(v) for k, v in value.items()}
    return value
