"""The leak scan of the student bundle: what must never reach students, found in files, zips and .pyc.

`find_leaks(bundle)` lists every leak in a bundle folder or zip (see its docstring); the release
deletes a bundle that has any. The secrets are computed from `solutions/` and the hidden suites.
"""

from __future__ import annotations

import ast
import json
import marshal
import re
import zipfile
from pathlib import Path

from .build import BEGIN, END
from .engine.checks import RNG_PROBE
from .engine.course import EXPECTED_DIR, ROOT, SUITES_DIR, chapter_names
from .engine.suites import load_checks

MIN_LEAK_LINE = 20  # solution lines shorter than this (`return x`, `self.x = x`) say nothing on their own
MIN_LEAK_STRING = 12  # the same for string constants (error messages, names) in compiled files
# Solution lines that may appear elsewhere in the bundle anyway, each with the reason.
PUBLIC_LINES = {
    "return shape[0] if len(shape) == 2 else int(np.prod(shape[1:]))":
        "ch05_optimizers fan_in: SPEC.md states the formula, and the public suite computes it",
}
# What a bundle may hold, as regular expressions over its relative paths; anything else is a leak.
ALLOWED_FILES = (
    r"README\.md",
    r"pyproject\.toml",
    r"exercises/ch\d\d_\w+\.py",
    r"exercises/tests/conftest\.py",
    r"exercises/tests/test_ch\d\d_\w+\.py",
    r"autograder/__init__\.py",
    r"autograder/engine/\w+\.py",
    r"autograder/suites/__init__\.py",
    r"autograder/suites/public/(__init__|ch\d\d_\w+)\.py",
    r"autograder/suites/public/expected/ch\d\d_\w+\.json",
)


def find_leaks(bundle: Path) -> list[str]:
    """What in `bundle` (a folder or a .zip) must not reach students, one line each; [] when clean.

    - a file outside ALLOWED_FILES (a solution, a hidden suite, tests/, the instructor tooling,
      a notebook, a .pyc: the bundle holds sources only);
    - a line of a reference function body: the lines between `### BEGIN SOLUTION` and
      `### END SOLUTION` in solutions/*.py, compared after stripping whitespace. Lines shorter than
      MIN_LEAK_LINE characters (`return x`, `self.mask = None`) are ignored: they say nothing on
      their own and occur in correct code anywhere. So are lines that also stand outside every
      region in some solution file: that code ships as given in the stubs by design (ch06_cnn
      carries ch04's layers), and the few in PUBLIC_LINES, each with its reason;
    - a string unique to solutions/: the region markers, and string constants of at least
      MIN_LEAK_STRING characters written inside a region and nowhere outside one;
    - a hidden check's name (`chapter::Thing::property`) or a string constant of a hidden suite
      that no public file has (its docstring, its property names), and any recorded expected value
      that is not a public check's;
    - in a compiled .pyc (folder or zip): the same strings among its constants, a code object
      compiled from solutions/, suites/hidden/ or tests/, or the bytecode of a reference function.
    """
    secrets = _secrets()
    leaks = []
    for rel, data in _bundle_members(Path(bundle)):
        where = f"{bundle.name}:{rel}" if Path(bundle).suffix == ".zip" else rel
        if not any(re.fullmatch(pattern, rel) for pattern in ALLOWED_FILES):
            leaks.append(f"{where}: a file that is not part of the student bundle")
        if rel.endswith(".pyc"):
            leaks += [f"{where}: {what}" for what in _pyc_leaks(data, secrets)]
            continue
        text = data.decode("utf-8", errors="replace")
        lines = {line.strip() for line in text.splitlines()}
        leaks += [f"{where}: reference solution line {line!r}" for line in sorted(secrets["lines"] & lines)]
        leaks += [f"{where}: contains {s!r}, which only solutions/ has" for s in sorted(secrets["strings"]) if s in text]
        leaks += [f"{where}: names hidden check {s}" for s in sorted(secrets["hidden_names"]) if s in text]
        leaks += [f"{where}: contains {s!r}, which only the hidden suites have" for s in sorted(secrets["hidden_strings"])
                  if s in text]
        if rel.startswith("autograder/suites/public/expected/"):
            leaks += [f"{where}: expected values recorded for {k}, not a public check"
                      for k in json_keys(text) if k not in secrets["public_names"]]
    return leaks


def _bundle_members(bundle: Path) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of every file of a bundle folder or zip (the zip's top folder dropped)."""
    if bundle.is_file():
        with zipfile.ZipFile(bundle) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            return [(n.split("/", 1)[1] if "/" in n else n, zf.read(n)) for n in names]
    return [(p.relative_to(bundle).as_posix(), p.read_bytes()) for p in sorted(bundle.rglob("*")) if p.is_file()]


def json_keys(text: str) -> list[str]:
    """The check names a recorded expected-values file holds."""
    try:
        return [k for k in json.loads(text) if k != RNG_PROBE]
    except (ValueError, TypeError):
        return ["(not valid JSON)"]


def _secrets() -> dict[str, set]:
    """What must not appear in a bundle, computed from solutions/ and the hidden suites."""
    region_lines, given_lines, region_strings, given_strings, bytecode = set(), set(), set(), set(), set()
    for path in sorted((ROOT / "solutions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        inside = _region_line_numbers(source)
        for number, line in enumerate(source.splitlines(), start=1):
            (region_lines if number in inside else given_lines).add(line.strip())
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                (region_strings if node.lineno in inside else given_strings).add(node.value)
        bytecode |= _solution_bytecode(path, source, inside)
    public_text = _public_text()
    hidden_names, hidden_strings = set(), set()
    for chapter in chapter_names():
        hidden = [c for c in load_checks(chapter, hidden=True) if not c.public]
        public = {c.name for c in load_checks(chapter, hidden=False)}
        hidden_names |= {c.name for c in hidden if c.name not in public}
        path = SUITES_DIR / "hidden" / f"{chapter}.py"
        if path.exists():
            hidden_strings |= {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                               if isinstance(node, ast.Constant) and isinstance(node.value, str)
                               and len(node.value) >= MIN_LEAK_STRING and node.value not in public_text}
    return {
        "lines": {l for l in region_lines - given_lines - PUBLIC_LINES.keys() if len(l) >= MIN_LEAK_LINE},
        "strings": {s for s in region_strings - given_strings if len(s) >= MIN_LEAK_STRING} | {BEGIN, END},
        "hidden_names": hidden_names,
        "hidden_strings": hidden_strings,
        "public_names": {c.name for ch in chapter_names() for c in load_checks(ch, hidden=False)},
        "bytecode": bytecode,
    }


def _region_line_numbers(source: str) -> set[int]:
    """1-based numbers of the lines inside solution regions, markers included."""
    inside, numbers = False, set()
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == BEGIN:
            inside = True
        if inside:
            numbers.add(number)
        if line.strip() == END:
            inside = False
    return numbers


def _public_text() -> str:
    """The text of everything meant for students (engine, public suites, stubs), to tell public strings apart."""
    paths = [*(ROOT / "autograder" / "engine").glob("*.py"), *(SUITES_DIR / "public").glob("*.py"),
             *EXPECTED_DIR.glob("*.json"), *(ROOT / "exercises").rglob("*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(paths))


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            yield from _code_objects(const)


def _solution_bytecode(path: Path, source: str, inside: set[int]) -> set[tuple[str, bytes]]:
    """(qualified name, bytecode) of every reference function whose body holds a solution region."""
    found = set()
    for code in _code_objects(compile(source, str(path), "exec")):
        lines = {line for _, _, line in code.co_lines() if line}
        if code.co_name != "<module>" and lines & inside:
            found.add((_qualname(code), code.co_code))
    return found


def _pyc_leaks(data: bytes, secrets: dict) -> list[str]:
    """Leaks in a compiled file: its origin, its string constants and its bytecode."""
    try:
        module = marshal.loads(data[16:])
        codes = list(_code_objects(module))
    except (ValueError, EOFError, TypeError, AttributeError):
        return ["a compiled file this Python cannot read (the bundle holds sources only)"]
    leaks = []
    origins = {code.co_filename for code in codes}
    for origin in sorted(origins):
        if re.search(r"(^|[/\\])(solutions|tests)[/\\]|suites[/\\]hidden[/\\]", origin):
            leaks.append(f"compiled from {origin}")
    strings = {c for code in codes for c in code.co_consts if isinstance(c, str)}
    leaks += [f"holds {s!r}, which only solutions/ has" for s in sorted(strings & secrets["strings"])]
    leaks += [f"holds {s!r}, which only the hidden suites have" for s in sorted(strings & secrets["hidden_strings"])]
    found = {(_qualname(code), code.co_code) for code in codes}
    leaks += [f"holds the bytecode of the reference {name}" for name, _ in sorted(found & secrets["bytecode"])]
    return leaks


def _qualname(code) -> str:
    return getattr(code, "co_qualname", code.co_name)  # co_qualname is Python 3.11+
