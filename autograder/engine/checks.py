"""Checks: small seeded functions that judge one property of a submission, and how to run them.

A check is `fn(t: Trial) -> None`. It draws inputs from `t.rng` (seeded from the check's name, so
the same check always sees the same inputs), asks the student side for values (`t.student`), gets
the expected values through `t.expect(label, compute)` and raises `Fail` on a wrong answer.
`compute` receives the reference module. When grading, it runs in the trusted process; in a
student's self-check, where no reference exists, the values recorded at build time are replayed.

Names are `chapter::Thing::property`, e.g. `ch02_forward::softmax::rows_sum_to_one`: the same
string is the check's JSON `name`, its pytest id and the heading of its feedback line.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .compare import Fail
from .results import Result, split_name
from .safe_text import terminal_text
from .student import Student, StudentError


@dataclass(frozen=True)
class Check:
    name: str
    points: float
    public: bool
    func: Callable

    @property
    def chapter(self) -> str:
        return split_name(self.name)[0]

    @property
    def target(self) -> str:
        return split_name(self.name)[1]


class Suite:
    """The checks of one chapter, public (shipped to students) or hidden; registered in order."""

    def __init__(self, chapter: str, public: bool):
        self.chapter, self.public, self.checks = chapter, public, []

    def check(self, target: str, prop: str, points: float = 1.0):
        """Decorator: register `fn` as check `chapter::target::prop` worth `points`."""

        def register(fn):
            name = f"{self.chapter}::{target}::{prop}"
            if any(c.name == name for c in self.checks):
                raise ValueError(f"duplicate check {name}")
            self.checks.append(Check(name, float(points), self.public, fn))
            return fn

        return register


class Trial:
    """What a check works with: the student, a seeded generator and the expected values."""

    def __init__(self, check: Check, student: Student, reference: "Reference", seed: int = 0):
        self.check, self.student, self.reference = check, student, reference
        self.rng = np.random.default_rng([zlib.crc32(check.name.encode()), seed])
        self.labels: dict[str, int] = {}

    def expect(self, label: str, compute: Callable):
        """The expected value called `label` in this check: compute(reference_module), or replayed.

        A label used again in the same check (a helper called in a loop) names the next value:
        `label`, then `label#2`, `label#3`..., so a recorded or cached value is never one of another case."""
        self.labels[label] = self.labels.get(label, 0) + 1
        if self.labels[label] > 1:
            label = f"{label}#{self.labels[label]}"
        return self.reference.value(self.check.name, label, compute)

    def expect_from_answer(self, compute: Callable):
        """An expected value that depends on what the student's code gave (a net's own initial
        params): compute(reference_module), live every time, never cached or recorded, so only
        hidden checks can use it (the self-check has no reference to compute with)."""
        return self.reference.live(compute)


def run_check(check: Check, student: Student | None, reference: "Reference | None", strict: bool = False,
              unavailable: str = "", seed: int = 0) -> Result:
    """Run one check and turn whatever happens into a Result; never raises unless `strict`.

    Grading always uses seed 0; other seeds exist to show that a check does not flake.
    `unavailable` (e.g. "ch01_perceptron.py is missing") fails the check without running it.
    With `strict`, an error inside the check itself (a grader bug) is raised instead of scored 0.
    """
    if unavailable or student is None:
        return _result(check, False, unavailable or "no submission", not_started=True)
    try:
        check.func(Trial(check, student, reference, seed))
    except Fail as fail:
        return _result(check, False, str(fail))
    except StudentError as error:
        return _result(check, False, error.describe(), not_started=error.not_implemented)
    except Exception as exc:
        if strict:
            raise
        return _result(check, False, f"The grader could not judge this answer ({type(exc).__name__}: {exc}).")
    return _result(check, True, "")


def _result(check: Check, passed: bool, output: str, not_started: bool = False) -> Result:
    """The one place a check's message is made: it may quote student text (an exception, a value's
    type), so escape sequences and control characters are removed here, for every report."""
    return Result(
        name=check.name,
        chapter=check.chapter,
        score=check.points if passed else 0.0,
        max_score=check.points,
        status="passed" if passed else "failed",
        output=terminal_text(output),
        not_started=not_started,
    )


class Reference:
    """Expected values computed live from the reference module (grading, trusted process only)."""

    def __init__(self, module):
        self.module = module

    def value(self, check_name: str, label: str, compute: Callable):
        return compute(self.module)

    def live(self, compute: Callable):
        return compute(self.module)


class CachedReference(Reference):
    """Expected values read from a cache file, computed (and added to it) only when missing.

    `load()` imports the module only when a value is not cached yet (TensorFlow, for ch08). A check's
    expected values depend only on its name-seeded inputs, never on the student's answers
    (tests/test_expected_cache.py), so one cache serves every submission; `key` names
    what the values were computed from (reference, suites, library versions), and a file made
    from anything else is ignored. The file lives on the grader's side only. With `verify` (the
    catalogue's tests), every value is computed again and must equal the cached one.
    """

    def __init__(self, load: Callable, path, key: str, verify: bool = False):
        super().__init__(None)
        self.load, self.path, self.key, self.verify = load, path, key, verify
        self.values, self.added = {}, False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") == key:
                self.values = data["values"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass

    def value(self, check_name: str, label: str, compute: Callable):
        cached = self.values.get(check_name, {})
        if label in cached and not self.verify:
            return _from_plain(cached[label])
        plain = _to_plain(self.live(compute))
        if label in cached:  # verifying (the catalogue's tests): the value must not depend on the answer
            if json.dumps(plain) != json.dumps(cached[label]):
                raise AssertionError(f"{check_name}: expected value {label!r} differs from its cached one, so it "
                                     "depends on the answer: compute it with t.expect_from_answer")
            return _from_plain(cached[label])
        self.values.setdefault(check_name, {})[label] = plain
        self.added = True
        return _from_plain(plain)  # the same value, of the same types, as a later read of the cache

    def live(self, compute: Callable):
        if self.module is None:
            self.module = self.load()
        return compute(self.module)

    def save(self) -> None:
        """Write the cache if values were added (whole, under a temporary name, then renamed)."""
        if not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps({"key": self.key, "values": self.values}), encoding="utf-8")
        os.replace(partial, self.path)


class RecordingReference(Reference):
    """Computes like Reference and records every value, to ship the public ones to students."""

    def __init__(self, module):
        super().__init__(module)
        self.recorded: dict[str, dict] = {}

    def value(self, check_name: str, label: str, compute: Callable):
        result = compute(self.module)
        self.recorded.setdefault(check_name, {})[label] = result
        return result

    def to_json(self) -> str:
        values = {k: {l: _to_plain(v) for l, v in d.items()} for k, d in self.recorded.items()}
        return json.dumps({RNG_PROBE: _rng_probe(), **values}, indent=1)


class ReplayReference(Reference):
    """Replays recorded values: the student's self-check, where the reference is not available."""

    def __init__(self, text: str):
        super().__init__(None)
        self.values = json.loads(text)
        if not np.allclose(self.values.get(RNG_PROBE, []), _rng_probe(), rtol=1e-12):
            raise RuntimeError(
                "this numpy draws other random numbers than the one that recorded the expected values, "
                "so the self-check cannot compare; install the numpy version the course names"
            )

    def value(self, check_name: str, label: str, compute: Callable):
        try:
            return _from_plain(self.values[check_name][label])
        except KeyError:
            raise RuntimeError(f"no recorded value {label!r} for {check_name}: rebuild with `python -m autograder build`")

    def live(self, compute: Callable):
        raise RuntimeError("a public check cannot compute from the student's answer: the self-check has no reference")


RNG_PROBE = "__rng_probe__"


def _rng_probe() -> list[float]:
    """A few draws that show whether this numpy's generator matches the recording one."""
    return np.random.default_rng(0).normal(size=3).tolist()


def _to_plain(value):
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        arr = np.asarray(value)
        return {"$array": arr.ravel().tolist(), "dtype": arr.dtype.str, "shape": list(arr.shape)}
    if isinstance(value, tuple):
        return {"$tuple": [_to_plain(v) for v in value]}
    if isinstance(value, list):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[k, _to_plain(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot record a value of type {type(value).__name__}")


def _from_plain(node):
    if isinstance(node, list):
        return [_from_plain(v) for v in node]
    if isinstance(node, dict):
        if "$array" in node:
            return np.array(node["$array"], dtype=node["dtype"]).reshape(node["shape"])
        if "$tuple" in node:
            return tuple(_from_plain(v) for v in node["$tuple"])
        return {k: _from_plain(v) for k, v in node["$dict"]}
    return node
