"""``tpguide.core.record``: records mean what the dataclasses they replaced meant."""

from __future__ import annotations

import copy
import pickle

import pytest

from tpguide.core.record import FrozenInstanceError, asdict, field, fields, record, replace


@record(frozen=True)
class Step:
    point: str
    seconds: float = 30.0
    tags: list[str] = field(default_factory=list)
    source: str | None = field(default=None, compare=False, repr=False)


@record
class Node:
    line: int
    column: int = 1


@record
class Scalar(Node):
    text: str = ""


@record(frozen=True, order=True, slots=True)
class Mark:
    line: int
    column: int = 0

    @property
    def where(self) -> str:
        return f"{self.line}:{self.column}"


@record(frozen=True)
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


def test_fields_defaults_and_factories_work_as_in_dataclasses() -> None:
    step = Step("neck")
    assert (step.point, step.seconds, step.tags, step.source) == ("neck", 30.0, [], None)
    assert Step("a").tags is not Step("a").tags  # a fresh list each time
    assert [f.name for f in fields(Step)] == ["point", "seconds", "tags", "source"]
    assert Step.seconds == 30.0 and "tags" not in Step.__dict__
    with pytest.raises(TypeError):
        Step()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Step("a", nonsense=1)  # type: ignore[call-arg]


def test_equality_hash_and_repr_leave_out_what_is_not_compared() -> None:
    a, b = Step("neck", source="a.yaml"), Step("neck", source="b.yaml")
    assert a == b and hash(Step("neck", tags=())) == hash(Step("neck", tags=()))  # type: ignore[arg-type]
    assert a != Step("jaw") and a != ("neck", 30.0, [], None)
    assert repr(a) == "Step(point='neck', seconds=30.0, tags=[])"


def test_frozen_records_refuse_changes_and_replace_makes_a_new_one() -> None:
    step = Step("neck")
    with pytest.raises(FrozenInstanceError):
        step.point = "jaw"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del step.point  # type: ignore[misc]
    moved = replace(step, point="jaw", seconds=10)
    assert (moved.point, moved.seconds, step.point) == ("jaw", 10, "neck")
    with pytest.raises(TypeError):
        replace(step, nonsense=1)


def test_mutable_records_inherit_fields_and_are_unhashable() -> None:
    node = Scalar(3, text="x")
    node.text = "y"
    assert node == Scalar(3, 1, "y") and node != Node(3)
    assert Scalar.__match_args__ == ("line", "column", "text")
    with pytest.raises(TypeError):
        hash(node)


def test_ordered_slotted_records_sort_copy_and_pickle() -> None:
    marks = [Mark(3), Mark(1, 5), Mark(1, 2)]
    assert sorted(marks) == [Mark(1, 2), Mark(1, 5), Mark(3)]
    assert not hasattr(Mark(1), "__dict__") and Mark(2, 3).where == "2:3"
    assert copy.copy(Mark(1, 2)) == Mark(1, 2)
    assert pickle.loads(pickle.dumps(Mark(4, 5))) == Mark(4, 5)
    assert copy.deepcopy(Step("neck", tags=["a"])) == Step("neck", tags=["a"])


def test_post_init_checks_and_asdict_copies_nested_values() -> None:
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)
    data = asdict(Step("neck", tags=["a"]))
    assert data == {"point": "neck", "seconds": 30.0, "tags": ["a"], "source": None}
    with pytest.raises(TypeError):
        fields(object())
