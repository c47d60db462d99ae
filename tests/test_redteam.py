"""The red team: hostile submissions get exactly their honest points, and grading goes on after them.

Each file in tests/redteam/ is one attack: chapter 1 (BASE: the reference `solutions` or the stub
`exercises`) followed by the attack's code, and LOSES, the checks it must lose ("ALL" or a list).
EXTRA_FILES, if present, are written beside the chapter file in the submission folder. After each
attack, an honest submission is graded in full, and no file outside the submission folder changed.
"""

import ast
from dataclasses import replace
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


# ---- attacks through the file system and the clock, not through the chapter's code ----------


def test_a_submission_file_that_links_to_the_reference_is_refused(tmp_path):
    """A chapter file that is a symbolic link to the reference scores 0, with the reason."""
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / f"{CHAPTER}.py").symlink_to(ROOT / "solutions" / f"{CHAPTER}.py")
    results = grade(folder, [CHAPTER], LIMITS, strict=True).items
    assert all(not r.passed for r in results)
    assert "is a symbolic link" in results[0].output
    assert all(r.passed for r in grade(ROOT / "solutions", [CHAPTER], LIMITS, strict=True).items)


def test_a_linked_chapter_folder_is_refused(tmp_path):
    """nbgrader's layout, chNN/chNN.ipynb, with the folder a link to the course's source notebooks."""
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / CHAPTER).symlink_to(ROOT / "source_notebooks" / CHAPTER)
    results = grade(folder, [CHAPTER], LIMITS, strict=True).items
    assert all(not r.passed for r in results) and "is a symbolic link" in results[0].output


def test_grade_batch_refuses_a_student_folder_that_is_a_link(tmp_path):
    """A student 'folder' that links to solutions/ is not graded; the real student next to it is."""
    from autograder.batch import run_batch

    class_dir = tmp_path / "class"
    (class_dir / "alice").mkdir(parents=True)
    (class_dir / "alice" / f"{CHAPTER}.py").write_text((ROOT / "solutions" / f"{CHAPTER}.py").read_text())
    (class_dir / "mallory").symlink_to(ROOT / "solutions")
    (class_dir / "notes.txt").write_text("not a student")
    result = run_batch(class_dir, tmp_path / "out", jobs=1, chapters=[CHAPTER], limits=LIMITS, progress=None)
    assert set(result.graded) == {"alice"} and result.graded["alice"]["score"] == result.graded["alice"]["max_score"]
    assert set(result.refused) == {"mallory", "notes.txt"}
    summary = (tmp_path / "out" / "summary.txt").read_text()
    assert "REFUSED mallory: a symbolic link" in summary and "mallory" not in (tmp_path / "out" / "grades.csv").read_text()


def test_a_submission_that_sleeps_under_the_call_limit_meets_the_chapter_budget(tmp_path):
    """Every call sleeps just under the per-call limit: the chapter's budget stops it, and every
    check left after it fails with the budget's reason (none of them waits its own time-out)."""
    slow = "import time\n_and = AND\ndef AND(x1, x2):\n    time.sleep(0.9)\n    return _and(x1, x2)\n"
    folder = tmp_path / "slow"
    folder.mkdir()
    (folder / f"{CHAPTER}.py").write_text((ROOT / "solutions" / f"{CHAPTER}.py").read_text() + "\n" + slow)
    limits = replace(LIMITS, call_seconds=1.0, chapter_seconds=4.0)
    results = grade(folder, [CHAPTER], limits, strict=True).items
    budget = [i for i, r in enumerate(results) if "time budget of 4 s for ch01_perceptron was used up" in r.output]
    assert budget, "the budget never stopped the chapter"
    assert all(not r.passed for r in results[budget[0]:])
    assert results[0].passed, "the checks before the budget ran was used up are graded as usual"


def test_the_sandbox_dies_with_the_grader(tmp_path):
    """Killing the grader (SIGKILL, no clean-up) leaves no sandboxed process behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "hang"
    folder.mkdir()
    (folder / f"{CHAPTER}.py").write_text("import time\nwhile True:\n    time.sleep(1)\n")
    grader = subprocess.Popen([sys.executable, "-m", "autograder", "grade", str(folder), "--call-seconds", "600"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (children := descendants(grader.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)  # waiting for the grader to start its worker, not a fixed pause
    assert children, "the grader never started a worker"
    os.kill(grader.pid, signal.SIGKILL)
    grader.wait()
    deadline = time.monotonic() + 30
    while [p for p in children if alive(p)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p for p in children if alive(p)] == []


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_patched_worker_cannot_vouch_for_a_copied_parameter(tmp_path):
    """Affine keeps copies of W and b, and the submission patches the worker to answer "the same
    object" to every question: the grader judges by behaviour (an in-place update of W must change
    the layer's output), so the submission loses exactly what the plain bug loses."""
    from tests.variants import TESTS, declared_failures

    variant = TESTS / "ch04_backprop" / "variants" / "wrong_affine_copies_params.py"
    patch = ("\nimport gc\nfor _obj in gc.get_objects():\n    if type(_obj).__name__ == 'Worker':\n"
             "        type(_obj)._op_same = lambda self, request: True\n")
    folder = tmp_path / "patched"
    folder.mkdir()
    (folder / "ch04_backprop.py").write_text((ROOT / "solutions" / "ch04_backprop.py").read_text() + "\n"
                                             + variant.read_text() + patch)
    results = grade(folder, ["ch04_backprop"], LIMITS, strict=True).items
    assert {r.name for r in results if not r.passed} == declared_failures(variant)
    assert all(r.passed for r in grade(ROOT / "solutions", ["ch04_backprop"], LIMITS, strict=True).items)
