"""Check results and their totals: the one model every report is made from.

A check's name is `chapter::target::property` (`ch04_backprop::Affine::backward_dW`). `Results`
groups by chapter or by target, sums points, and writes the Gradescope `results.json` shape; the
console table, the JSON report, the self-check summary, nbgrader's grade cells and grade-batch's
CSV all read it from here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


def split_name(name: str) -> tuple[str, str, str]:
    """`"ch04_backprop::Affine::backward_dW"` -> `("ch04_backprop", "Affine", "backward_dW")`."""
    chapter, target, prop = name.split("::", 2)
    return chapter, target, prop


@dataclass
class Result:
    """One check's outcome, in the Gradescope `results.json` test shape (plus `not_started`)."""

    name: str
    chapter: str
    score: float
    max_score: float
    status: str
    output: str
    not_started: bool = False

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def target(self) -> str:
        return split_name(self.name)[1]

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Results:
    """An ordered list of results (one submission, a chapter of it, or one target) and notes."""

    items: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def score(self) -> float:
        return sum(r.score for r in self.items)

    @property
    def max_score(self) -> float:
        return sum(r.max_score for r in self.items)

    @property
    def passed(self) -> int:
        """How many checks passed."""
        return sum(r.passed for r in self.items)

    def failed(self) -> list[Result]:
        return [r for r in self.items if not r.passed]

    def by_chapter(self) -> dict[str, "Results"]:
        return self._group(lambda r: r.chapter)

    def by_target(self) -> dict[str, "Results"]:
        return self._group(lambda r: r.target)

    def _group(self, key) -> dict[str, "Results"]:
        groups: dict[str, Results] = {}
        for r in self.items:
            groups.setdefault(key(r), Results()).items.append(r)
        return groups

    def to_gradescope(self) -> dict:
        return {
            "score": self.score,
            "max_score": self.max_score,
            "output": "\n".join(self.notes),
            "tests": [r.to_json() for r in self.items],
        }

    @classmethod
    def from_gradescope(cls, data: dict) -> "Results":
        """Read back what `to_gradescope` wrote (grade-batch's per-student files)."""
        notes = data.get("output", "")
        return cls([Result(**test) for test in data["tests"]], notes.splitlines() if notes else [])
