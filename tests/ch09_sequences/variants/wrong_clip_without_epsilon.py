"""clip_grads scales by max_norm / norm, leaving out SPEC's + 1e-6: the clipped norm is exactly max_norm, which differs
from SPEC's by a relative 1e-6 / norm, visible at small norms only."""

FAILS = [
    "ch09_sequences::clip_grads::small_global_norm",
]


def clip_grads(grads, max_norm):
    norm = np.sqrt(sum(float(np.sum(g**2)) for g in grads))
    if norm > max_norm:
        for g in grads:
            g *= max_norm / norm
