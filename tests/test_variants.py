"""Every check has a known-wrong implementation that fails it and correct ones that pass it."""

import json

import pytest

from tests.variants import (RECORDED, declared_failures, given_names, grade_variant, is_standalone, report_record,
                            variant_files, variant_id)


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(RECORDED.read_text())


@pytest.mark.parametrize("path", variant_files(), ids=variant_id)
def test_variant_fails_exactly_its_checks(path, tmp_path, recorded):
    """Does the variant lose exactly the checks that name its bug (none, for a right_ variant),
    with the very report (byte for byte) recorded in the catalogue?"""
    expected = declared_failures(path)
    assert path.stem.startswith("right_") == (not expected), "right_ variants fail nothing; wrong_ ones something"
    results = grade_variant(path, tmp_path)
    failed = {r.name: r.output for r in results.failed()}
    unknown = expected - {r.name for r in results}
    assert not unknown, f"FAILS names checks that do not exist: {sorted(unknown)}"
    assert set(failed) == expected, "\n".join(f"{name}: {out}" for name, out in failed.items())
    record = report_record(results)
    want = recorded.get(variant_id(path))
    assert want is not None, "not in tests/catalogue_reports.json: record it with `python -m tests.variants CHAPTER`"
    assert record["failed"] == want["failed"], "the failure messages changed"
    assert record["sha256"] == want["sha256"], "the report changed (scores, order or names)"


def test_every_check_is_failed_by_some_wrong_variant():
    """Is every check able to fail: does some known-wrong implementation in the catalogue lose it?"""
    from autograder.engine.course import chapter_names
    from autograder.engine.suites import load_checks

    covered = set().union(*(declared_failures(p) for p in variant_files() if p.stem.startswith("wrong_")))
    uncovered = [c.name for chapter in chapter_names() for c in load_checks(chapter) if c.name not in covered]
    assert not uncovered, "checks no wrong variant fails:\n" + "\n".join(uncovered)


STANDALONE = [p for p in variant_files() if is_standalone(p)]


@pytest.mark.parametrize("path", STANDALONE, ids=variant_id)
def test_standalone_variant_ships_none_of_the_given_code(path):
    """Is a standalone variant (a module written from SPEC alone) free of the code the chapter module
    ships as given: does it define none of the reference's given functions and classes?"""
    import ast

    defined = {node.name for node in ast.parse(path.read_text()).body
               if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
    given = given_names(path.parent.parent.name)
    assert given, "the reference has no given code: a standalone variant shows nothing an appended one does not"
    assert not defined & given, f"defines given code: {sorted(defined & given)}"


def test_a_standalone_variant_is_graded_alone_and_the_others_after_the_reference(tmp_path):
    """Is a STANDALONE variant graded as exactly its own text, and any other one as the reference
    followed by its definitions?"""
    import tests.variants as variants

    alone = tmp_path / "ch01_perceptron" / "variants" / "right_alone.py"
    alone.parent.mkdir(parents=True)
    alone.write_text('"""x"""\nSTANDALONE = True\nFAILS = []\n')
    appended = alone.with_name("right_appended.py")
    appended.write_text('"""x"""\nFAILS = []\n')
    assert is_standalone(alone) and not is_standalone(appended)
    assert variants.submission_text(alone) == alone.read_text()
    reference = (variants.SOLUTIONS / "ch01_perceptron.py").read_text()
    assert variants.submission_text(appended).startswith(reference)
    assert variants.submission_text(appended).endswith(appended.read_text())


def test_the_given_names_of_a_chapter_are_its_functions_without_an_exercise_region():
    """Does `given_names` find ch08's given helper and none of its exercises?"""
    assert given_names("ch08_keras") == {"loss_gradient"}
