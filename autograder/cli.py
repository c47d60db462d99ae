"""Command line: `python -m autograder build | grade | grade-batch | course init | demo | demo-train | release-student`.

Every mistake in the arguments is one line on stderr (`python -m autograder CMD: error: ...`) and
exit status 2, found by the argparse types below before anything is written.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from .engine import course
from .quiet import set_verbose
from .sandbox import Limits

DEMO_TRAIN_OUT = Path(tempfile.gettempdir()) / "autograder-demo-train"


class Parser(argparse.ArgumentParser):
    """argparse, with a mistake reported as one line (no usage block): `PROG: error: MESSAGE`."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def positive_seconds(text: str) -> float:
    """argparse type: a number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} must be above 0")
    return value


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def chapter_name(text: str) -> str:
    """argparse type: a chapter of the course facts."""
    if text not in course.chapter_names():
        raise argparse.ArgumentTypeError(f"unknown chapter {text!r}; known: {', '.join(course.chapter_names())}")
    return text


def roster_file(text: str) -> Path:
    """argparse type: a readable CSV roster with an `id` column and at least one student."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text} is not a file")
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            columns = set(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise argparse.ArgumentTypeError(f"{text} cannot be read as CSV: {exc}") from None
    if "id" not in columns:
        raise argparse.ArgumentTypeError(f"{text} needs a header line with an 'id' column "
                                         "(and optionally first_name,last_name,email) and one row per student")
    if not any((row.get("id") or "").strip() for row in rows):
        raise argparse.ArgumentTypeError(f"{text} has no student with an id")
    return path


def new_folder(text: str) -> Path:
    """argparse type: a folder to create, or an empty one."""
    path = Path(text)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise argparse.ArgumentTypeError(f"{text} exists and is not an empty folder")
    return path


def output_folder(text: str) -> Path:
    """argparse type: a folder to write into (it may exist; it must not be a file)."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} exists and is not a folder")
    return path


def scheduler_address(text: str) -> str:
    """argparse type: a Dask scheduler address, tcp://HOST:PORT (or HOST:PORT)."""
    host, _, port = text.removeprefix("tcp://").rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a scheduler address like tcp://HOST:PORT")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m autograder", description=__doc__.split("\n\n")[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--verbose", action="store_true",
                        help="show the log lines of TensorFlow, nbgrader and SQLAlchemy (hidden by default)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", parents=[common], help="generate stubs, notebooks and self-check files from solutions/",
        description="Regenerate the stubs (exercises/), the nbgrader source notebooks (source_notebooks/), the "
        "self-check tests and the recorded expected values from the reference solutions in solutions/. "
        "A chapter whose packages are not installed (ch08_keras without TensorFlow) has its expected values "
        "left as they are, and says so.")
    build.add_argument("--check", action="store_true",
                       help="write nothing; list generated files that are out of date (exit 1 if any)")

    grade = commands.add_parser(
        "grade", parents=[common],
        help="grade a submission",
        description=f"Grade a submission in a sandboxed process. Limits: {Limits().describe()}.",
    )
    grade.add_argument("submission", type=Path,
                       help="a folder of chapter files, or one chapter file (chNN_name.py or .ipynb: only its chapter)")
    grade.add_argument("--chapter", action="append", metavar="NAME", type=chapter_name,
                       help="grade only this chapter (repeatable)")
    grade.add_argument("--json", action="store_true", help="print Gradescope results.json instead of a table")

    batch = commands.add_parser(
        "grade-batch", parents=[common],
        help="grade a class: one folder per student",
        description="Grade every student folder under SUBMISSIONS_DIR into OUT (per-student JSON, grades.csv, "
        "summary.txt, histograms.png, check_failures.png). A rerun grades only new students and those whose "
        f"files changed. Limits per student process: {Limits().describe()}.",
    )
    batch.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR", help="one folder per student")
    batch.add_argument("--out", type=output_folder, default=Path("results"), help="output folder (default: results)")
    batch.add_argument("--jobs", type=positive_int, default=2, help="students graded at once (default: 2)")
    batch.add_argument("--force", action="store_true", help="grade again students whose results are up to date")
    batch.add_argument("--chapter", action="append", metavar="NAME", type=chapter_name,
                       help="grade only this chapter (repeatable)")
    batch.add_argument("--scheduler", metavar="ADDRESS", type=scheduler_address,
                       help="hand the students to this Dask distributed scheduler (tcp://HOST:PORT)")
    for command in (grade, batch):
        command.add_argument("--call-seconds", type=positive_seconds, default=Limits().call_seconds, metavar="S",
                             help=f"time limit of one call into student code (default: {Limits().call_seconds:g})")
        command.add_argument("--chapter-seconds", type=positive_seconds, default=Limits().chapter_seconds, metavar="S",
                             help=f"time budget of one chapter's calls (default: {Limits().chapter_seconds:g})")
        command.add_argument("--submission-seconds", type=positive_seconds, default=Limits().submission_seconds,
                             metavar="S", help=f"time budget of a whole submission (default: {Limits().submission_seconds:g})")
        command.add_argument("--require-sandbox", action="store_true",
                             help="refuse to grade unless bubblewrap isolates the student code fully")

    course_parser = commands.add_parser(
        "course", parents=[common], help="set up an nbgrader course directory",
        description="`course init DIR`: write an nbgrader course directory: nbgrader_config.py (grading through "
        "the sandboxed autograder), the source notebooks in DIR/source/ and DIR/gradebook.db with the chapters "
        "and the roster. A new DIR is built in a temporary folder and moved into place, so a mistake leaves "
        "nothing behind; an existing DIR keeps its gradebook.")
    course_parser.add_argument("action", choices=["init"], help="what to do (init: create or update DIR)")
    course_parser.add_argument("directory", type=Path, metavar="DIR", help="the course directory")
    course_parser.add_argument("--roster", type=roster_file, metavar="CSV",
                               help="the students: a CSV file with a header line, column 'id' required, "
                               "first_name, last_name, email optional")
    course_parser.add_argument("--chapter", action="append", metavar="NAME", type=chapter_name,
                               help="only this chapter (repeatable; default: every chapter)")

    demo = commands.add_parser(
        "demo", parents=[common], help="run the demo course with nbgrader and print the grade table",
        description="Run a demo nbgrader course in a temporary folder: release every chapter, hand in three "
        "sample students (correct, stub, partly buggy), autograde them in the sandbox, write feedback, export "
        "grades.csv and print the grade table (about two minutes). Chapters whose packages are missing "
        "(ch08_keras without TensorFlow) are skipped with one line.")
    demo.add_argument("--keep", type=new_folder, metavar="DIR",
                      help="keep the demo course in DIR (feedback HTML, grades.csv) instead of deleting it")
    train = commands.add_parser(
        "demo-train", parents=[common], help="train the reference SimpleConvNet on the bundled digits",
        description="Train chapter 6's reference SimpleConvNet on scikit-learn's bundled 8x8 digits and save "
        "its figures (learning curve, misclassified digits) as PNG files.")
    train.add_argument("--out", type=output_folder, default=DEMO_TRAIN_OUT,
                       help=f"folder for the figures (default: {DEMO_TRAIN_OUT})")

    release = commands.add_parser(
        "release-student", parents=[common],
        help="write the student bundle OUT/ and OUT.zip",
        description="Write the student bundle (stubs, public self-check, check engine, README, pyproject) to OUT/ "
        "and OUT.zip; no solutions, hidden checks or instructor tooling. The bundle is scanned for leaks.",
    )
    release.add_argument("out", type=Path, metavar="OUT")
    release.add_argument("--force", action="store_true", help="replace an earlier bundle at OUT")

    args = parser.parse_args(argv)
    set_verbose(args.verbose)
    if args.command == "course":
        from .nbgrader_course import init_course

        course_dir = init_course(args.directory, args.roster, args.chapter)
        print(f"course ready in {course_dir}: run nbgrader commands there (e.g. nbgrader generate_assignment ch01_perceptron)")
        return 0
    if args.command == "demo-train":
        from .demo import demo_train

        return demo_train(args.out)
    if args.command == "demo":
        from .demo import run_demo

        return run_demo(args.keep)
    if args.command == "release-student":
        from .release import ReleaseError, release_student

        try:
            folder, archive = release_student(args.out, force=args.force)
        except ReleaseError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {folder}/ and {archive}")
        return 0
    if args.command == "build":
        from .build import build_all, not_buildable

        stale = build_all(check_only=args.check)
        for path in stale:
            print(("out of date: " if args.check else "wrote ") + str(path))
        for path, why in not_buildable().items():
            print(f"not {'checked' if args.check else 'written'}: {path}: {why}", file=sys.stderr)
        return 1 if args.check and stale else 0

    from .grade import UsageError, format_table, grade as run_grade, to_json_text
    from .sandbox import isolation

    if args.require_sandbox and isolation():
        print(f"error: --require-sandbox: the sandbox is incomplete here: {isolation()}", file=sys.stderr)
        return 2
    limits = Limits(call_seconds=args.call_seconds, chapter_seconds=args.chapter_seconds,
                    submission_seconds=args.submission_seconds)

    if args.command == "grade-batch":
        from .batch import run_batch

        try:
            result = run_batch(args.submissions, args.out, args.jobs, args.force, args.chapter, args.scheduler, limits)
        except (UsageError, NotADirectoryError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print((args.out / "summary.txt").read_text(), end="")
        return 1 if result.failed else 0

    try:
        report = run_grade(args.submission, args.chapter, limits)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(to_json_text(report) if args.json else format_table(report))
    return 0
