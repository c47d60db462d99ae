"""Command line: `python -m autograder build | grade | grade-batch | course init | demo | demo-train | release-student`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .sandbox import Limits


def positive_seconds(text: str) -> float:
    """argparse type: a number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} must be above 0")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="generate stubs, notebooks and self-check files from solutions/")
    build.add_argument("--check", action="store_true", help="only report generated files that are out of date")

    grade = commands.add_parser(
        "grade",
        help="grade a submission",
        description=f"Grade a submission in a sandboxed process. Limits: {Limits().describe()}.",
    )
    grade.add_argument("submission", type=Path, help="a directory of chapter files, or one .py/.ipynb file")
    grade.add_argument("--chapter", action="append", metavar="NAME", help="grade only this chapter (repeatable)")
    grade.add_argument("--json", action="store_true", help="print Gradescope results.json instead of a table")

    batch = commands.add_parser(
        "grade-batch",
        help="grade a class: one folder per student",
        description="Grade every student folder under SUBMISSIONS_DIR into OUT (per-student JSON, grades.csv, "
        f"summary.txt, histograms.png). Limits per student process: {Limits().describe()}.",
    )
    batch.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR")
    batch.add_argument("--out", type=Path, default=Path("results"), help="output folder (default: results)")
    batch.add_argument("--jobs", type=int, default=2, help="students graded at once (default: 2)")
    batch.add_argument("--force", action="store_true", help="grade again students that already have results")
    batch.add_argument("--chapter", action="append", metavar="NAME", help="grade only this chapter (repeatable)")
    batch.add_argument("--scheduler", metavar="ADDRESS", help="hand the students to this Dask distributed scheduler")
    for command in (grade, batch):
        command.add_argument("--call-seconds", type=positive_seconds, default=Limits().call_seconds, metavar="S",
                             help=f"time limit of one call into student code (default: {Limits().call_seconds:g})")
        command.add_argument("--chapter-seconds", type=positive_seconds, default=Limits().chapter_seconds, metavar="S",
                             help=f"time budget of one chapter's calls (default: {Limits().chapter_seconds:g})")
        command.add_argument("--submission-seconds", type=positive_seconds, default=Limits().submission_seconds,
                             metavar="S", help=f"time budget of a whole submission (default: {Limits().submission_seconds:g})")
        command.add_argument("--require-sandbox", action="store_true",
                             help="refuse to grade unless bubblewrap isolates the student code fully")

    course = commands.add_parser("course", help="set up an nbgrader course directory")
    course.add_argument("action", choices=["init"])
    course.add_argument("directory", type=Path, metavar="DIR")
    course.add_argument("--roster", type=Path, help="CSV of students: id[,first_name,last_name,email]")
    course.add_argument("--chapter", action="append", metavar="NAME", help="only this chapter (repeatable)")

    commands.add_parser("demo", help="run the demo course with nbgrader and print the grade table")
    train = commands.add_parser("demo-train", help="train the reference SimpleConvNet on the bundled digits")
    train.add_argument("--out", type=Path, default=Path("demo-train"), help="folder for the figures")

    release = commands.add_parser(
        "release-student",
        help="write the student bundle OUT/ and OUT.zip",
        description="Write the student bundle (stubs, public self-check, check engine, README, pyproject) to OUT/ "
        "and OUT.zip; no solutions, hidden checks or instructor tooling. The bundle is scanned for leaks.",
    )
    release.add_argument("out", type=Path, metavar="OUT")
    release.add_argument("--force", action="store_true", help="replace an earlier bundle at OUT")

    args = parser.parse_args(argv)
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

        return run_demo()
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
        from .build import build_all

        stale = build_all(check_only=args.check)
        for path in stale:
            print(("out of date: " if args.check else "wrote ") + str(path))
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
