"""Code that does nothing earns nothing (SPEC.md, "Grading contract").

A property (input left unchanged, an array kept by reference, no warning) earns its points only when
the same call also returns the right result. The sharpest test of that: the stub with every
`raise NotImplementedError(...)` turned into `pass`, so that every exercise body runs, returns None
and leaves its inputs, its arguments and the warnings alone. Graded through the real sandboxed path,
it must score exactly 0 in every chapter, and so must the untouched stub; `strict` makes sure that
every check reaches its verdict (a message the student can act on) instead of crashing on None.
"""

import json
import re

import pytest

from autograder.build import make_stub
from autograder.engine import course
from autograder.grade import grade
from autograder.sandbox import Limits

RAISE_LINE = re.compile(r'^(\s*)raise NotImplementedError\(".*? is not implemented yet"\)$', flags=re.M)
RELEASED_RAISE_LINE = re.compile(r"^(\s*)raise NotImplementedError\(\)$", flags=re.M)  # nbgrader's own stub


def stub(chapter: str) -> str:
    return make_stub((course.ROOT / "solutions" / f"{chapter}.py").read_text())


def pass_bodies(chapter: str) -> str:
    """The stub with each exercise body reduced to `pass`."""
    source, count = RAISE_LINE.subn(r"\1pass", stub(chapter))
    assert count > 0 and "is not implemented yet" not in source, "every exercise body must become `pass`"
    return source


def needs_skip(chapter: str) -> None:
    if course.needs_text(chapter):
        pytest.skip(course.needs_text(chapter))


def graded(tmp_path, chapter: str, source: str):
    (tmp_path / f"{chapter}.py").write_text(source)
    results = grade(tmp_path, [chapter], Limits(), strict=True)  # a check that crashes on None is a grader bug
    assert results.max_score > 0 and len(results.items) > 0
    return results


@pytest.mark.parametrize("chapter", course.chapter_names())
def test_pass_bodies_score_zero(chapter, tmp_path):
    """Does a chapter whose every exercise body is `pass` earn 0 points, from every check?"""
    needs_skip(chapter)
    results = graded(tmp_path, chapter, pass_bodies(chapter))
    earned = [f"{r.name}: {r.score}/{r.max_score}" for r in results if r.score != 0]
    assert not earned, "checks that pay for code that does nothing:\n" + "\n".join(earned)
    assert results.score == 0


@pytest.mark.parametrize("chapter", course.chapter_names())
def test_untouched_stub_scores_zero(chapter, tmp_path):
    """Does the stub as shipped (every body raises NotImplementedError) earn 0 points?"""
    needs_skip(chapter)
    results = graded(tmp_path, chapter, stub(chapter))
    earned = [f"{r.name}: {r.score}/{r.max_score}" for r in results if r.score != 0]
    assert not earned, "checks that pay for the stub:\n" + "\n".join(earned)
    assert results.score == 0


@pytest.mark.slow
def test_pass_bodies_score_zero_through_nbgrader(tmp_path):
    """The same through nbgrader's autograde (`TrustedGrade`), for every chapter this machine can
    grade: the released notebook with each exercise body reduced to `pass` scores 0."""
    nbgrader_api = pytest.importorskip("nbgrader.api")
    from autograder.nbgrader_course import init_course, nbgrader

    chapters = [c for c in course.chapter_names() if not course.needs_text(c)]
    root = tmp_path / "course"
    init_course(root, chapters=chapters)
    for chapter in chapters:
        nbgrader(root, "generate_assignment", chapter, "--force")
        notebook = json.loads((root / "release" / chapter / f"{chapter}.ipynb").read_text())
        changed = 0
        for cell in notebook["cells"]:
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"], count = RELEASED_RAISE_LINE.subn(r"\1pass", text)
            changed += count
        assert changed > 0, f"{chapter}: no exercise body in the released notebook"
        folder = root / "submitted" / "ivan" / chapter
        folder.mkdir(parents=True)
        (folder / f"{chapter}.ipynb").write_text(json.dumps(notebook))
        nbgrader(root, "autograde", chapter, "--student", "ivan", "--create", "--force")
    with nbgrader_api.Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        got = {c: (gradebook.find_submission(c, "ivan").score, gradebook.find_submission(c, "ivan").max_score)
               for c in chapters}
    assert all(maximum > 0 for _, maximum in got.values())
    assert {c: score for c, (score, _) in got.items() if score != 0} == {}, got
