"""clip_grads scales by max_norm / (norm - 1e-6) instead of (norm + 1e-6) (the mutant of benchmarks/README.md): invisible
at norms of about 1, a relative error of 2e-6 / norm at small norms."""

FAILS = [
    "ch09_sequences::clip_grads::small_global_norm",
]


def clip_grads(grads, max_norm):
    norm = np.sqrt(sum(float(np.sum(g**2)) for g in grads))
    if norm > max_norm:
        for g in grads:
            g *= max_norm / (norm - 1e-6)
