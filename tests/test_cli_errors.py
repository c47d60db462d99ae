"""Every mistake on the command line is one line on stderr and exit 2, and leaves nothing behind
(issue 15, "What was seen" 2 and 3)."""

import json
import subprocess
import sys
import time

import pytest

from autograder.cli import main
from autograder.engine.course import ROOT


def run_main(capsys, *args):
    """`python -m autograder ARGS` in this process: (exit status, stdout, stderr)."""
    try:
        status = main([str(a) for a in args])
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def files(tmp_path):
    (tmp_path / "missing_id.csv").write_text("name,email\nzoe,zoe@example.org\n")
    (tmp_path / "one_line.csv").write_text("just some words, not a roster\n")
    (tmp_path / "header_only.csv").write_text("id,first_name\n")
    (tmp_path / "notes.txt").write_text("my notes\n")
    (tmp_path / "ch01_perceptron.ipynb").write_text("this is not JSON {")
    (tmp_path / "a_file").write_text("x")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    (tmp_path / "class").mkdir()
    return tmp_path


MISTAKES = {
    "roster missing": (["course", "init", "{t}/course", "--roster", "{t}/nope.csv"], "nope.csv is not a file"),
    "roster without id": (["course", "init", "{t}/course", "--roster", "{t}/missing_id.csv"], "'id' column"),
    "one-line non-CSV roster": (["course", "init", "{t}/course", "--roster", "{t}/one_line.csv"], "'id' column"),
    "roster with no student": (["course", "init", "{t}/course", "--roster", "{t}/header_only.csv"], "no student"),
    "unknown chapter in course init": (["course", "init", "{t}/course", "--chapter", "ch99"], "unknown chapter 'ch99'"),
    "unknown chapter in grade": (["grade", "{t}/class", "--chapter", "ch99"], "unknown chapter 'ch99'"),
    "grade a text file": (["grade", "{t}/notes.txt"], "is not a chapter file"),
    "grade a notebook that is not JSON": (["grade", "{t}/ch01_perceptron.ipynb"], "is not a valid notebook"),
    "negative call seconds": (["grade", "{t}/class", "--call-seconds", "-1"], "must be above 0"),
    "jobs 0": (["grade-batch", "{t}/class", "--out", "{t}/out", "--jobs", "0"], "must be at least 1"),
    "jobs not a number": (["grade-batch", "{t}/class", "--out", "{t}/out", "--jobs", "two"], "not a whole number"),
    "batch out is a file": (["grade-batch", "{t}/class", "--out", "{t}/a_file"], "is not a folder"),
    "batch of a missing folder": (["grade-batch", "{t}/nope", "--out", "{t}/out"], "is not a directory"),
    "scheduler not an address": (["grade-batch", "{t}/class", "--out", "{t}/out", "--scheduler", "localhost"],
                                 "not a scheduler address"),
    "demo-train out is a file": (["demo-train", "--out", "{t}/a_file"], "is not a folder"),
    "demo keep is not empty": (["demo", "--keep", "{t}/full"], "is not an empty folder"),
    "no command": ([], "required"),
}


@pytest.mark.parametrize("case", MISTAKES)
def test_a_mistake_is_one_line_and_exit_2_and_leaves_nothing(case, files, capsys):
    args, says = MISTAKES[case]
    before = sorted(p.relative_to(files) for p in files.rglob("*"))
    status, out, err = run_main(capsys, *(a.format(t=files) for a in args))
    assert status == 2, (out, err)
    assert len(err.strip().splitlines()) == 1 and says in err, err
    assert "Traceback" not in err and out == ""
    assert sorted(p.relative_to(files) for p in files.rglob("*")) == before  # no course, no out/


def test_course_init_failing_midway_leaves_no_half_made_course(files, monkeypatch):
    """The course is built in a temporary folder: a failure while writing the gradebook leaves nothing."""
    import autograder.nbgrader_course as nbgrader_course

    def broken(folder, final, students, names):
        (folder / "source").mkdir()
        raise OSError("disk full")

    monkeypatch.setattr(nbgrader_course, "_write_course", broken)
    with pytest.raises(OSError):
        nbgrader_course.init_course(files / "course", chapters=["ch01_perceptron"])
    assert not (files / "course").exists() and not list(files.glob(".course-*"))


def test_unreachable_scheduler_is_one_line_within_seconds(tmp_path):
    pytest.importorskip("distributed")
    (tmp_path / "class" / "ada").mkdir(parents=True)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "autograder", "grade-batch", str(tmp_path / "class"),
                             "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.stderr
    assert time.monotonic() - start < 30


def test_single_chapter_file_grades_only_its_chapter(capsys):
    status, out, err = run_main(capsys, "grade", ROOT / "solutions" / "ch01_perceptron.py", "--json")
    assert status == 0, err
    report = json.loads(out)
    assert {t["chapter"] for t in report["tests"]} == {"ch01_perceptron"}
    assert report["score"] == report["max_score"] > 0


@pytest.mark.parametrize("command", ["build", "demo", "course", "grade", "grade-batch", "demo-train"])
def test_every_command_has_a_description(command, capsys):
    status, out, _ = run_main(capsys, command, "--help")
    assert status == 0
    description = out.split("\n\n")[1]
    assert not description.startswith(("positional arguments", "options")) and len(description) > 40


def test_course_init_help_explains_each_argument(capsys):
    _, out, _ = run_main(capsys, "course", "init", "--help")
    arguments = out.split("positional arguments:", 1)[1]
    for argument in ("DIR", "--roster CSV", "--chapter NAME", "{init}"):
        line = next(line for line in arguments.splitlines() if line.strip().startswith(argument))
        assert len(line.strip()) > len(argument) + 5, line
