"""The README's two set-up commands are the ones that run: CI executes the test command verbatim."""

import re

from autograder.engine.course import ROOT


def setup_commands() -> list[str]:
    section = (ROOT / "README.md").read_text().split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (python3 -m venv .*)$", section, flags=re.MULTILINE)


def test_readme_has_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("python -m autograder demo")
    assert commands[1].endswith("python -m pytest -n 2")


def test_ci_runs_the_readme_test_command_verbatim():
    assert setup_commands()[1] in (ROOT / ".ci" / "run").read_text().splitlines()
