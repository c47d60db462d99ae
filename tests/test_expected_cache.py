"""Expected values are computed once from the reference and cached for every later grade."""

import json
import subprocess
import sys

import numpy as np
import pytest

from autograder.engine.checks import CachedReference
from autograder.engine.course import ROOT


def test_values_are_computed_once_then_read_back_without_the_module(tmp_path):
    """Is the module loaded only for a missing value, and does a second reader get equal values?"""
    loads = []

    def load():
        loads.append(1)
        return np

    first = CachedReference(load, tmp_path / "c.json", key="k1")
    value = first.value("ch::T::p", "out", lambda ref: (ref.arange(3.0), 2.5, {"a": ref.float32(1.5)}))
    first.save()
    second = CachedReference(lambda: pytest.fail("the module was loaded although every value is cached"),
                             tmp_path / "c.json", key="k1")
    again = second.value("ch::T::p", "out", lambda ref: pytest.fail("computed although cached"))
    assert loads == [1]
    assert np.array_equal(again[0], value[0]) and again[1] == 2.5 and again[2]["a"] == np.float32(1.5)
    assert type(again[2]["a"]) is type(value[2]["a"]), "the first (live) value has the types of a cached one"


def test_a_cache_made_from_other_sources_is_ignored(tmp_path):
    """A changed reference, suite or library gives another key: the old values are not used."""
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"key": "old", "values": {"ch::T::p": {"out": 1.0}}}))
    assert CachedReference(lambda: np, path, key="new").value("ch::T::p", "out", lambda ref: 2.0) == 2.0


@pytest.mark.skipif(not (ROOT / "solutions" / "ch08_keras.py").exists(), reason="no chapter 8")
def test_a_warm_cache_grades_ch08_without_tensorflow_in_the_grader():
    """Does grading ch08 a second time leave TensorFlow out of the grading process?"""
    pytest.importorskip("tensorflow")
    code = ("import sys\nfrom autograder.grade import grade\nr = grade('solutions', ['ch08_keras'])\n"
            "print(r.score == r.max_score, 'tensorflow' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
            for _ in range(2)]
    assert [r.stdout.split()[-2:] for r in runs][1] == ["True", "False"], runs[1].stderr[-2000:]


def test_without_a_sandbox_that_hides_the_cache_values_are_computed_live(monkeypatch):
    """Where the worker could write the cache (no namespaces at all), no cache is read or written."""
    pytest.importorskip("tensorflow")
    import autograder.grade as grade_module
    from autograder.engine.checks import Reference

    monkeypatch.setattr(grade_module, "sandbox_mode", lambda: "none")
    reference = grade_module.expected_values("ch08_keras")
    assert type(reference) is Reference
    monkeypatch.setattr(grade_module, "sandbox_mode", lambda: "bwrap")
    assert isinstance(grade_module.expected_values("ch08_keras"), CachedReference)


def test_a_verifying_cache_refuses_a_value_that_depends_on_the_answer(tmp_path):
    """The catalogue grades with `verify` on: a cached value that differs from the one computed now
    (a check that computes its expected value from an answer) stops the grade."""
    cache = CachedReference(lambda: np, tmp_path / "c.json", key="k", verify=True)
    assert cache.value("ch::T::p", "out", lambda ref: 1.0) == 1.0
    assert cache.value("ch::T::p", "out", lambda ref: 1.0) == 1.0
    with pytest.raises(AssertionError, match="expect_from_answer"):
        cache.value("ch::T::p", "out", lambda ref: 2.0)


def test_the_cache_key_covers_the_reference_the_suites_and_the_engine_they_compute_with():
    """Would a change to the reference, a suite or an engine helper (gradcheck's numerical gradient,
    used in ch08's expected values) give another key, and so recompute the cache?"""
    from autograder.grade import cache_key_sources

    names = {path.relative_to(ROOT).as_posix() for path in cache_key_sources("ch08_keras")}
    assert {"solutions/ch08_keras.py", "autograder/suites/public/ch08_keras.py", "autograder/suites/hidden/ch08_keras.py",
            "autograder/engine/gradcheck.py", "autograder/engine/compare.py"} <= names
