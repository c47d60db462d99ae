"""Mutation analysis of the check suites: how many small bugs in the reference do the checks catch?

For each chapter, cosmic-ray's operators (used as a library: each operator plugin enumerates its
mutation points in a parso tree and applies one of them) mutate the reference `solutions/CHAPTER.py`,
one mutation per mutant, only on lines inside `### BEGIN SOLUTION` / `### END SOLUTION` regions (the
code a student writes). Every mutant is graded with the real grader (`grade_chapter`, sandboxed
worker, hidden checks included). A mutant is

- *killed* when some check fails (a mutant that does not compile fails every check, as the grader
  scores it);
- *equivalent* when every check passes and the probe battery (`benchmarks/probes/`, written apart
  from the suites) finds no output, gradient or update differing from the reference's beyond the
  contract's tolerance;
- *missed* when every check passes but some probe differs: a bug the suites let through.

Kill rate = killed / (killed + missed). Writes `benchmarks/results/mutation-CHAPTER.json` and prints
a table. Not run in CI: a chapter takes minutes.

    python benchmarks/mutation.py ch04_backprop --jobs 2
    python benchmarks/mutation.py ch09_sequences ch10_attention --jobs 2 --limit 50
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import functools
import importlib
import json
import os
import signal
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
# Operators that need arguments (a variable name to replace) or only re-run the tests.
SKIPPED_OPERATORS = ("core/VariableReplacer", "core/VariableInserter")
PROBE_SECONDS = 120  # a mutant whose probes take longer differs from the reference (which takes ~1 s)


def solution_lines(source: str) -> set[int]:
    """1-based numbers of the lines strictly inside solution regions."""
    inside, lines = False, set()
    for number, line in enumerate(source.splitlines(), 1):
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END:
            inside = False
        elif inside:
            lines.add(number)
    return lines


def enumerate_mutants(chapter: str) -> list[dict]:
    """Every (operator, occurrence) of cosmic-ray's core operators whose mutation starts on a line
    inside a solution region. `occurrence` counts over the whole module, in the pre-order walk that
    `cosmic_ray.mutating.MutationVisitor` uses, so `mutate_code(source, operator, occurrence)` applies it."""
    import cosmic_ray.plugins
    from cosmic_ray.ast import ast_nodes, get_ast

    source = (ROOT / "solutions" / f"{chapter}.py").read_text()
    inside = solution_lines(source)
    nodes = list(ast_nodes(get_ast(source)))
    mutants = []
    for name in cosmic_ray.plugins.operator_names():
        if name in SKIPPED_OPERATORS:
            continue
        operator = cosmic_ray.plugins.get_operator(name)()
        occurrence = 0
        for node in nodes:
            for (start, _stop) in operator.mutation_positions(node):
                if start[0] in inside:
                    mutants.append({"chapter": chapter, "operator": name, "occurrence": occurrence,
                                    "line": start[0], "col": start[1]})
                occurrence += 1
    mutants.sort(key=lambda m: (m["line"], m["col"], m["operator"], m["occurrence"]))
    for index, mutant in enumerate(mutants):
        mutant["id"] = f"{chapter}#{index}"
    return mutants


def mutate(chapter: str, mutant: dict) -> str | None:
    import cosmic_ray.plugins
    from cosmic_ray.mutating import mutate_code

    source = (ROOT / "solutions" / f"{chapter}.py").read_text()
    operator = cosmic_ray.plugins.get_operator(mutant["operator"])()
    return mutate_code(source, operator, mutant["occurrence"])


def changed_lines(before: str, after: str) -> tuple[str, str]:
    old, new = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            old.append(line[1:].strip())
        elif line.startswith("+") and not line.startswith("+++"):
            new.append(line[1:].strip())
    return " / ".join(old), " / ".join(new)


def load_module(name: str, source: str, filename: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = filename
    exec(compile(source, filename, "exec"), module.__dict__)  # our own code, mutated: in-process is fine
    return module


class ProbeTimeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise ProbeTimeout()


def run_probes(chapter: str, mutated: str) -> list[str]:
    """Differences the chapter's probe battery finds between the mutant and the reference."""
    probes = importlib.import_module(f"probes.{chapter}")
    reference = importlib.import_module(f"solutions.{chapter}")
    try:
        mutant = load_module(f"mutant_{chapter}", mutated, f"<mutant of {chapter}>")
    except Exception as error:  # noqa: BLE001 - graded passing but fails in-process: report it
        return [f"mutant does not import in-process: {type(error).__name__}: {error}"]
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(PROBE_SECONDS)
    try:
        return probes.run(reference, mutant)
    except ProbeTimeout:
        return [f"probes did not finish in {PROBE_SECONDS} s (the reference's take about a second)"]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def grade_until_failure(chapter: str, source: str) -> list:
    """`grade_chapter`'s steps (same sandbox, limits, hidden checks and reference), stopping at the
    first failed check: enough to call a mutant killed, and several times faster on killed ones."""
    from autograder.engine import course
    from autograder.engine.checks import run_check
    from autograder.engine.student import Student, StudentError
    from autograder.engine.suites import load_checks
    from autograder.grade import expected_values, fail_all
    from autograder.sandbox import Limits, SandboxTransport

    facts, limits = course.chapter(chapter), Limits()
    if facts.call_seconds:
        limits = Limits(call_seconds=max(limits.call_seconds, facts.call_seconds))
    transport = SandboxTransport(limits, hide=course.SECRET_PATHS, packages=("numpy", *facts.needs),
                                 deadline=time.monotonic() + limits.chapter_seconds,
                                 deadline_reason="the chapter's time budget was used up")
    results = []
    try:
        student = Student(transport, chapter, [source], f"{chapter}.py")
        reference = expected_values(chapter)
        broken = student.import_failure()
        for check in load_checks(chapter, hidden=True):
            results.append(run_check(check, student, reference, False, unavailable=broken))
            if not results[-1].passed:
                break
    except StudentError as error:
        return fail_all(chapter, error.describe())
    finally:
        transport.close()
    return results


def analyse(mutant: dict, first_failure: bool = False) -> dict:
    """Grade one mutant and, if it survives, probe it. Runs in a pool worker; an error of the
    benchmark itself is recorded on the mutant (status "error"), never stops the run."""
    try:
        return _analyse(mutant, first_failure)
    except Exception as error:  # noqa: BLE001
        return dict(mutant, status="error", reason=f"{type(error).__name__}: {error}")


def _analyse(mutant: dict, first_failure: bool) -> dict:
    from autograder.grade import grade_chapter

    chapter = mutant["chapter"]
    start = time.monotonic()
    source = (ROOT / "solutions" / f"{chapter}.py").read_text()
    mutated = mutate(chapter, mutant)
    result = dict(mutant)
    if mutated is None:
        result.update(status="skipped", reason="cosmic-ray applied no mutation")
        return result
    result["before"], result["after"] = changed_lines(source, mutated)
    try:
        compile(mutated, f"{chapter}.py", "exec")
    except SyntaxError as error:
        result.update(status="killed", failed=["(does not compile: every check fails)"], reason=str(error),
                      seconds=time.monotonic() - start)
        return result
    if first_failure:
        results = grade_until_failure(chapter, mutated)
    else:
        results = grade_chapter(chapter, [mutated], f"{chapter}.py")
    failed = [r.name for r in results if not r.passed]
    result["checks"] = len(results)
    if failed:
        result.update(status="killed", failed=failed)
    else:
        differences = run_probes(chapter, mutated)
        result.update(status="missed" if differences else "equivalent", probe=differences[:5])
    result["seconds"] = time.monotonic() - start
    return result


def summarize(chapter: str, results: list[dict], seconds: float) -> dict:
    count = {status: sum(r["status"] == status for r in results) for status in ("killed", "equivalent", "missed", "skipped", "error")}
    judged = count["killed"] + count["missed"]
    return {"chapter": chapter, "mutants": len(results) - count["skipped"] - count["error"], **count,
            "kill_rate": count["killed"] / judged if judged else None, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chapters", nargs="+", metavar="CHAPTER")
    parser.add_argument("--jobs", type=int, default=1, help="mutants graded in parallel")
    parser.add_argument("--limit", type=int, default=None, help="only the first N mutants of each chapter")
    parser.add_argument("--every", type=int, default=1, help="only every k-th mutant (a spread sample)")
    parser.add_argument("--first-failure", action="store_true",
                        help="stop grading a mutant at its first failed check (grade_chapter's steps, faster)")
    parser.add_argument("--reprobe", action="store_true",
                        help="re-run the probe battery on the survivors of the existing report (after the battery changed)")
    parser.add_argument("--cross-check", type=int, metavar="K", default=0,
                        help="run the battery alone on every K-th mutant the existing report says the grader "
                             "killed, and list those it sees no difference on (blind spots of the battery)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    if args.cross_check:
        for chapter in args.chapters:
            killed = [r for r in json.loads((args.out / f"mutation-{chapter}.json").read_text())["mutants"]
                      if r["status"] == "killed"][:: args.cross_check]
            blind, tried = [], 0
            for result in killed:
                mutated = mutate(chapter, result)
                try:
                    compile(mutated, f"{chapter}.py", "exec")
                except SyntaxError:
                    continue
                tried += 1
                if not run_probes(chapter, mutated):
                    blind.append(result)
            print(f"{chapter}: the battery alone sees {tried - len(blind)} of {tried} grader-killed mutants")
            for result in blind:
                print(f"  not seen: {result['id']} line {result['line']} {result['operator']}: {result['before']} -> "
                      f"{result['after']} (killed by {', '.join(result['failed'][:2])})")
        return 0
    if args.reprobe:
        for chapter in args.chapters:
            path = args.out / f"mutation-{chapter}.json"
            report = json.loads(path.read_text())
            for result in report["mutants"]:
                if result["status"] in ("equivalent", "missed"):
                    differences = run_probes(chapter, mutate(chapter, result))
                    result.update(status="missed" if differences else "equivalent", probe=differences[:5])
            summary = report["summary"]
            summary.update({k: v for k, v in summarize(chapter, report["mutants"], summary["seconds"]).items()
                            if k != "seconds"}, reprobed=True)
            path.write_text(json.dumps(report, indent=1))
            rows.append(summary)
        print_table(rows, args.out)
        return 0
    for chapter in args.chapters:
        start = time.monotonic()
        mutants = enumerate_mutants(chapter)
        total = len(mutants)
        mutants = mutants[:: args.every][: args.limit]
        print(f"{chapter}: {len(mutants)} of {total} mutants, {args.jobs} job(s)", flush=True)
        results = []
        if args.jobs > 1:
            with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
                work = functools.partial(analyse, first_failure=args.first_failure)
                for done, result in enumerate(pool.map(work, mutants), 1):
                    results.append(result)
                    if result["status"] == "missed":
                        print(f"  missed {result['id']} line {result['line']} {result['operator']}: "
                              f"{result['before']} -> {result['after']}", flush=True)
                    if done % 25 == 0:
                        print(f"  {done}/{len(mutants)} in {time.monotonic() - start:.0f} s", flush=True)
        else:
            for done, mutant in enumerate(mutants, 1):
                results.append(analyse(mutant, first_failure=args.first_failure))
                if done % 25 == 0:
                    print(f"  {done}/{len(mutants)} in {time.monotonic() - start:.0f} s", flush=True)
        seconds = time.monotonic() - start
        summary = summarize(chapter, results, seconds)
        summary.update(total_mutants=total, limit=args.limit, every=args.every, jobs=args.jobs,
                       first_failure=args.first_failure,
                       load_average=os.getloadavg())
        rows.append(summary)
        report = {"summary": summary, "mutants": results}
        (args.out / f"mutation-{chapter}.json").write_text(json.dumps(report, indent=1))

    print_table(rows, args.out)
    return 0


def print_table(rows: list[dict], out: Path) -> None:
    print()
    print(f"{'chapter':18s} {'mutants':>7s} {'killed':>7s} {'equiv':>6s} {'missed':>6s} {'kill rate':>9s} {'time':>8s}")
    for row in rows:
        rate = "n/a" if row["kill_rate"] is None else f"{100 * row['kill_rate']:.1f}%"
        print(f"{row['chapter']:18s} {row['mutants']:7d} {row['killed']:7d} {row['equivalent']:6d} "
              f"{row['missed']:6d} {rate:>9s} {row['seconds']:7.0f}s")
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f} "
          f"on {os.cpu_count()} cores (shared machine: times are noisy)")
    for row in rows:
        if row.get("error"):
            print(f"{row['chapter']}: {row['error']} mutant(s) not judged because the benchmark failed (status \"error\" in the report)")
        for result in json.loads((out / f"mutation-{row['chapter']}.json").read_text())["mutants"]:
            if result["status"] == "missed":
                print(f"missed {result['id']} line {result['line']} {result['operator']}: "
                      f"{result['before']} -> {result['after']}\n    {result['probe'][0]}")


if __name__ == "__main__":
    sys.exit(main())
