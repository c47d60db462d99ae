"""Chapter 9's demo: the reference character-level LSTM really learns the Zen of Python.

Its speed (under 60 s on two cores; about 5 s measured, one BLAS thread) is printed by the demo, not timed
here: speed targets stay out of tests.
"""

import contextlib

from solutions import ch09_sequences as ch09


def one_blas_thread():
    """As the demo does: small matrices run fastest on one BLAS thread (several thrash on a busy machine)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(1)


def test_char_lstm_on_the_zen_of_python_reaches_perplexity_below_3():
    """With the demo's settings (train_char_lm's defaults, seed 0): does the perplexity fall from about the
    vocabulary size to below 3, and does the model then generate valid characters reproducibly?"""
    text = ch09.zen_of_python()
    assert text.startswith("The Zen of Python, by Tim Peters")
    lines = []
    with one_blas_thread():
        model, chars, perplexities = ch09.train_char_lm(text, log=lines.append)
    assert len(lines) == len(perplexities) == 40
    assert perplexities[0] > 0.6 * len(chars), perplexities[:3]
    assert perplexities[-1] < 3, perplexities[-5:]
    ids = model.generate(chars.index("B"), 200, seed=1)
    assert len(ids) == 200 and all(0 <= i < len(chars) for i in ids)
    assert ids == model.generate(chars.index("B"), 200, seed=1)
