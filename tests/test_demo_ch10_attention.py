"""The chapter 10 demo really learns: a one-block Transformer encoder built on the reference classes
reverses held-out sequences of eight digits (seeded, so the same run every time).

No wall-clock assertion: on a loaded machine it would fail a correct run. Measured on two shared
cores: about 8 s for the 1200 training steps (the issue's budget is 60 s).
"""

from solutions.ch10_attention import train_reverser


def test_one_block_transformer_reverses_held_out_digit_sequences():
    """Does the reversal demo reach >= 95% token accuracy on 1000 held-out sequences?"""
    result = train_reverser(seed=0)
    assert result["test_accuracy"] >= 0.95, f"held-out token accuracy {result['test_accuracy']:.3f}"


def test_reversal_demo_is_deterministic():
    """Same seed, same losses: the demo draws everything from its seed."""
    first = train_reverser(seed=3, steps=20, test_size=10)
    second = train_reverser(seed=3, steps=20, test_size=10)
    assert first["losses"] == second["losses"] and first["test_accuracy"] == second["test_accuracy"]
