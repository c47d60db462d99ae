"""Every check has a known-wrong implementation that fails it and correct ones that pass it."""

import json

import pytest

from tests.variants import RECORDED, declared_failures, grade_variant, report_record, variant_files, variant_id


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
