"""The chapter 10 demo really learns: a one-block Transformer encoder built on the reference classes
reverses held-out sequences of eight digits (seeded, so the same run every time)."""

import time

from solutions.ch10_attention import train_reverser


def test_one_block_transformer_reverses_held_out_digit_sequences():
    """Does the reversal demo reach >= 95% token accuracy on 1000 held-out sequences within 60 s?"""
    start = time.perf_counter()
    result = train_reverser(seed=0)
    seconds = time.perf_counter() - start
    assert result["test_accuracy"] >= 0.95, f"held-out token accuracy {result['test_accuracy']:.3f}"
    assert seconds < 60, f"training took {seconds:.1f} s"


def test_reversal_demo_is_deterministic():
    """Same seed, same losses: the demo draws everything from its seed."""
    first = train_reverser(seed=3, steps=20, test_size=10)
    second = train_reverser(seed=3, steps=20, test_size=10)
    assert first["losses"] == second["losses"] and first["test_accuracy"] == second["test_accuracy"]
