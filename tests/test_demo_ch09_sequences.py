"""Chapter 9's demo: the reference character-level LSTM really learns the Zen of Python."""

import contextlib
import time

from solutions import ch09_sequences as ch09


def one_blas_thread():
    """As the demo does: small matrices run fastest on one BLAS thread (several thrash on a busy machine)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(1)


def test_char_lstm_on_the_zen_of_python_reaches_perplexity_below_3_within_60_s():
    """With the demo's settings (train_char_lm's defaults, seed 0): does the perplexity fall from about the
    vocabulary size to below 3, within 60 s, and does the model then generate valid characters reproducibly?"""
    text = ch09.zen_of_python()
    assert text.startswith("The Zen of Python, by Tim Peters")
    lines = []
    with one_blas_thread():
        start = time.perf_counter()
        model, chars, perplexities = ch09.train_char_lm(text, log=lines.append)
        seconds = time.perf_counter() - start
    assert len(lines) == len(perplexities) == 40
    assert perplexities[0] > 0.6 * len(chars), perplexities[:3]
    assert perplexities[-1] < 3, perplexities[-5:]
    assert seconds < 60, f"training took {seconds:.1f} s"
    ids = model.generate(chars.index("B"), 200, seed=1)
    assert len(ids) == 200 and all(0 <= i < len(chars) for i in ids)
    assert ids == model.generate(chars.index("B"), 200, seed=1)
