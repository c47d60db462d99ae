"""The mutation benchmark's own pieces (benchmarks/mutation.py, benchmarks/probes/): the probe
comparison follows the contract's tolerance, a battery finds no difference between the reference
and a fresh copy of it (no false "missed"), and it does find a known bug."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from probes import compare  # noqa: E402

import mutation  # noqa: E402


@pytest.mark.parametrize("got, want, same", [
    pytest.param(1.0 + 5e-5, 1.0, True, id="inside-rtol"),
    pytest.param(1.0 + 2e-4, 1.0, False, id="outside-rtol"),
    pytest.param(np.array([1e-7]), np.array([0.0]), True, id="atol-near-zero"),
    pytest.param(np.array([1, 2]), np.array([1, 2]), True, id="ints-equal"),
    pytest.param(np.array([1.0, 2.0]), np.array([1, 2]), False, id="floats-where-ints"),
    pytest.param(np.array([np.nan]), np.array([1.0]), False, id="nan"),
    pytest.param(np.zeros((2, 3)), np.zeros((3, 2)), False, id="shape"),
    pytest.param({"a": 1.0}, {"b": 1.0}, False, id="keys"),
    pytest.param((1.0, None), (1.0, None), True, id="tuple-with-none"),
])
def test_compare_follows_the_contract_tolerance(got, want, same):
    assert (compare(got, want) is None) == same


def test_battery_sees_no_difference_in_a_fresh_copy_of_the_reference():
    chapter = "ch04_backprop"
    source = (ROOT / "solutions" / f"{chapter}.py").read_text()
    assert mutation.run_probes(chapter, source) == []


def test_battery_finds_a_relu_that_ignores_its_mask():
    source = (ROOT / "solutions" / "ch04_backprop.py").read_text()
    wrong = source.replace("return np.where(self.mask, 0, dout)", "return dout", 1)
    assert wrong != source
    found = mutation.run_probes("ch04_backprop", wrong)
    assert found and found[0].startswith("Relu")


def test_mutants_lie_inside_solution_regions():
    pytest.importorskip("cosmic_ray")
    mutants = mutation.enumerate_mutants("ch01_perceptron")
    inside = mutation.solution_lines((ROOT / "solutions" / "ch01_perceptron.py").read_text())
    assert mutants and all(m["line"] in inside for m in mutants)
    assert mutation.mutate("ch01_perceptron", mutants[0]) is not None


def test_probes_never_import_the_grader():
    for path in (ROOT / "benchmarks" / "probes").glob("*.py"):
        text = path.read_text()
        assert "autograder" not in text.replace("never imports `autograder`", ""), path.name
        importlib.import_module(f"probes.{path.stem}") if path.stem != "__init__" else None
