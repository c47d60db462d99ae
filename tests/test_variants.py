"""Every check has a known-wrong implementation that fails it and correct ones that pass it."""

import pytest

from tests.variants import declared_failures, grade_variant, variant_files


@pytest.mark.parametrize("path", variant_files(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_variant_fails_exactly_its_checks(path, tmp_path):
    """Does the variant lose exactly the checks that name its bug (none, for a right_ variant)?"""
    expected = declared_failures(path)
    assert path.stem.startswith("right_") == (not expected), "right_ variants fail nothing; wrong_ ones something"
    results = grade_variant(path, tmp_path)
    failed = {r.name: r.output for r in results if not r.passed}
    unknown = expected - {r.name for r in results}
    assert not unknown, f"FAILS names checks that do not exist: {sorted(unknown)}"
    assert set(failed) == expected, "\n".join(f"{name}: {out}" for name, out in failed.items())


def test_every_check_is_failed_by_some_wrong_variant():
    """Is every check able to fail: does some known-wrong implementation in the catalogue lose it?"""
    from autograder.engine.suites import chapters, load_checks

    covered = set().union(*(declared_failures(p) for p in variant_files() if p.stem.startswith("wrong_")))
    uncovered = [c.name for chapter in chapters() for c in load_checks(chapter) if c.name not in covered]
    assert not uncovered, "checks no wrong variant fails:\n" + "\n".join(uncovered)
