"""clip_grads clips each array by its own norm instead of the global norm of all of them."""

FAILS = [
    "ch09_sequences::clip_grads::above_threshold",
    "ch09_sequences::clip_grads::below_threshold",
    "ch09_sequences::clip_grads::in_place",
    "ch09_sequences::clip_grads::small_global_norm",
]


def clip_grads(grads, max_norm):
    for g in grads:
        norm = np.sqrt(np.sum(g**2))
        if norm > max_norm:
            g *= max_norm / (norm + 1e-6)
