"""Code a chapter ships from an earlier one (ch06 carries ch04's Affine, Relu, SoftmaxWithLoss) is
an exact copy of the chapter that teaches it, so the two never drift apart."""

import ast

import pytest

from autograder.build import BEGIN, END
from autograder.engine.course import ROOT, chapter_names


def definitions(chapter: str) -> dict[str, str]:
    """Each top-level function and class of the solution, as text without the region markers."""
    source = (ROOT / "solutions" / f"{chapter}.py").read_text()
    lines = source.splitlines()
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            body = lines[start - 1 : node.end_lineno]
            found[node.name] = "\n".join(line for line in body if line.strip() not in (BEGIN, END))
    return found


def copies() -> list[tuple[str, str, str]]:
    """(name, teaching chapter, copying chapter) for every definition that appears twice."""
    first: dict[str, str] = {}
    pairs = []
    for chapter in chapter_names():
        for name in definitions(chapter):
            if name in first:
                pairs.append((name, first[name], chapter))
            else:
                first[name] = chapter
    return pairs


def test_some_code_is_shared():
    """Is the rule exercised at all (ch06 ships chapter 4's layers)?"""
    assert ("Affine", "ch04_backprop", "ch06_cnn") in copies()


@pytest.mark.parametrize("name, source, copy", copies(), ids=lambda v: v if isinstance(v, str) else None)
def test_copy_is_identical_to_its_source(name, source, copy):
    """Is `name` in `copy` written exactly as in the chapter that teaches it (regions unmarked)?"""
    assert definitions(copy)[name] == definitions(source)[name], f"{copy}.{name} drifted from {source}.{name}"
