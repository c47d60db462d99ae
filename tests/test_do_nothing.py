"""Code that does nothing earns nothing (SPEC.md, "Grading contract").

A property (input left unchanged, an array kept by reference, no warning) earns its points only when
the same call also returns the right result. The sharpest test of that: the stub with every
`raise NotImplementedError(...)` turned into `pass`, so that every exercise body runs, returns None
and leaves its inputs, its arguments and the warnings alone. Graded through the real sandboxed path,
it must score exactly 0 in every chapter, and so must the untouched stub; `strict` makes sure that
every check reaches its verdict (a message the student can act on) instead of crashing on None.
"""

import re

import pytest

from autograder.build import make_stub
from autograder.engine import course
from autograder.grade import grade
from autograder.sandbox import Limits

RAISE_LINE = re.compile(r'^(\s*)raise NotImplementedError\(".*? is not implemented yet"\)$', flags=re.M)


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
