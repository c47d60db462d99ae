"""Command line: `python -m autograder build | grade | demo`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .sandbox import Limits


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

    commands.add_parser("demo", help="grade three sample students and print the grade table")

    args = parser.parse_args(argv)
    if args.command == "demo":
        from .demo import run_demo

        return run_demo()
    if args.command == "build":
        from .build import build_all

        stale = build_all(check_only=args.check)
        for path in stale:
            print(("out of date: " if args.check else "wrote ") + str(path))
        return 1 if args.check and stale else 0

    from .grade import UsageError, format_table, grade as run_grade, to_json_text

    try:
        report = run_grade(args.submission, args.chapter)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(to_json_text(report) if args.json else format_table(report))
    return 0
