"""The red team: hostile submissions get exactly their honest points, and grading goes on after them.

Each file in tests/redteam/ is one attack: chapter 1 (BASE: the reference `solutions` or the stub
`exercises`) followed by the attack's code, and LOSES, the checks it must lose ("ALL" or a list).
EXTRA_FILES, if present, are written beside the chapter file in the submission folder. After each
attack, an honest submission is graded in full, and no file outside the submission folder changed.
"""

import ast
from pathlib import Path

import pytest

from autograder.engine.course import ROOT
from autograder.grade import grade
from autograder.sandbox import Limits, namespaces_available

CHAPTER = "ch01_perceptron"
LIMITS = Limits(call_seconds=2.0)
ATTACKS = sorted((Path(__file__).parent / "redteam").glob("*.py"))
NEEDS_NAMESPACES = {"network_access", "read_the_solutions_and_hidden_suites", "write_outside_its_folder",
                    "kill_itself_and_its_parent", "fork_bomb"}
WATCHED = [Path("/tmp/redteam-was-here"), Path("/redteam-was-here"), Path.home().parent / "redteam-was-here"]


def constant(tree: ast.Module, name: str, default=None):
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    return default


def grade_attack(path: Path, folder: Path):
    text = path.read_text().replace("{ROOT}", str(ROOT))
    tree = ast.parse(text)
    base = constant(tree, "BASE")
    folder.mkdir()
    (folder / f"{CHAPTER}.py").write_text((ROOT / base / f"{CHAPTER}.py").read_text() + "\n" + text)
    for name, content in constant(tree, "EXTRA_FILES", {}).items():
        (folder / name).write_text(content)
    return grade(folder, [CHAPTER], LIMITS, strict=True).items, constant(tree, "LOSES")


@pytest.mark.parametrize("path", ATTACKS, ids=lambda p: p.stem)
def test_attack_gets_exactly_its_honest_points(path, tmp_path):
    if path.stem in NEEDS_NAMESPACES and not namespaces_available():
        pytest.skip("this attack is only contained where unshare is permitted")
    before = {p: p.exists() for p in WATCHED}
    results, loses = grade_attack(path, tmp_path / "attack")
    failed = {r.name for r in results if not r.passed}
    expected = {r.name for r in results} if loses == "ALL" else set(loses)
    assert failed == expected, "\n".join(r.output for r in results if not r.passed)[:2000]
    honest = grade(ROOT / "solutions", [CHAPTER], LIMITS, strict=True).items
    assert all(r.passed for r in honest), "grading after the attack is broken"
    assert {p: p.exists() for p in WATCHED} == before, "a file outside the submission folder changed"


def test_catalogue_has_every_kind_of_attack():
    names = {p.stem for p in ATTACKS}
    assert len(names) >= 20 and NEEDS_NAMESPACES <= names
