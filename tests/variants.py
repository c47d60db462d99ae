"""The variant catalogue: known-wrong and correct-but-different implementations of each chapter.

A variant file `tests/<chapter>/variants/{wrong,right}_<what>.py` holds only the definitions it
changes; it is graded as the reference solution followed by those definitions (later ones win).
Its module docstring says what it does, and `FAILS` lists the checks it must fail, exactly:
a wrong variant fails the checks that name its bug and no others; a right one has `FAILS = []`.

A variant with `STANDALONE = True` is a whole chapter module instead, graded on its own (nothing
appended to anything): SPEC promises full marks to a module written from SPEC alone, without the
code a chapter module ships as given, and only such a file can show it. It defines none of the
reference's given names (`given_names`; tests/test_variants.py checks that).

`tests/catalogue_reports.json` records each variant's whole report (the JSON that `grade --json`
prints): its SHA-256 and the message of every failed check. A change to the grader that changes
any report, by a byte, shows up there; record again on purpose with
`python -m tests.variants [CHAPTER ...]`.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import autograder.grade as grade_module
from autograder.engine.results import Results
from autograder.grade import grade, to_json_text
from autograder.sandbox import Limits

TESTS = Path(__file__).resolve().parent
SOLUTIONS = TESTS.parent / "solutions"
RECORDED = TESTS / "catalogue_reports.json"


def variant_files() -> list[Path]:
    return sorted(TESTS.glob("ch[0-9][0-9]_*/variants/*.py"))


def variant_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def declared_failures(path: Path) -> set[str]:
    """The `FAILS = [...]` list of a variant file, read without running it."""
    fails = _assigned(path, "FAILS")
    if fails is None:
        raise ValueError(f"{path} has no FAILS list")
    return set(fails)


def _assigned(path: Path, name: str):
    """The literal value assigned to top-level `name` in a variant file (read without running it), or None."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == [name]:
            return ast.literal_eval(node.value)
    return None


def is_standalone(path: Path) -> bool:
    """Whether a variant file is a whole module (`STANDALONE = True`), graded without the reference."""
    return _assigned(path, "STANDALONE") is True


def given_names(chapter: str) -> set[str]:
    """The top-level functions and classes of a chapter's reference that hold no exercise region:
    the code a chapter module ships as given, which a student may delete (SPEC)."""
    source = (SOLUTIONS / f"{chapter}.py").read_text()
    return {node.name for node in ast.parse(source).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))
            and "### BEGIN SOLUTION" not in (ast.get_source_segment(source, node) or "")}


def submission_text(path: Path) -> str:
    """What a variant is graded as: the file itself when standalone, else the reference with the file appended."""
    if is_standalone(path):
        return path.read_text()
    solution = (SOLUTIONS / f"{path.parent.parent.name}.py").read_text()
    return solution + "\n\n# ---- variant: " + path.name + "\n" + path.read_text()


def grade_variant(path: Path, workdir: Path, strict: bool = True) -> Results:
    """Grade a variant (see `submission_text`) through the real sandboxed path, as `grade` does a submission."""
    chapter = path.parent.parent.name
    submission = workdir / f"{chapter}.py"
    submission.write_text(submission_text(path))
    grade_module.VERIFY_EXPECTED_CACHE = True  # every cached expected value is computed again and compared
    try:
        return grade(submission, [chapter], Limits(), strict=strict)
    finally:
        grade_module.VERIFY_EXPECTED_CACHE = False


def report_record(results: Results) -> dict:
    """What the catalogue file keeps of a report: its hash and the failed checks' messages."""
    text = to_json_text(results)
    return {"sha256": hashlib.sha256(text.encode()).hexdigest(),
            "failed": {r.name: r.output for r in results.failed()}}


def _record_one(path: Path) -> tuple[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return variant_id(path), report_record(grade_variant(path, Path(tmp)))


def record(chapters: list[str], jobs: int = 2) -> None:
    """Grade the variants of `chapters` (all when empty) and write their records, keeping the others."""
    paths = [p for p in variant_files() if not chapters or p.parent.parent.name in chapters]
    records = json.loads(RECORDED.read_text()) if chapters and RECORDED.exists() else {}
    with ProcessPoolExecutor(jobs) as pool:
        records.update(pool.map(_record_one, paths))
    RECORDED.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":  # python -m tests.variants [CHAPTER ...]
    record(sys.argv[1:])
    print(f"wrote {RECORDED}")
