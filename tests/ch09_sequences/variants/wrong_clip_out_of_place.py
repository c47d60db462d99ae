"""clip_grads rebinds the list entries (grads[i] = grads[i] * rate): the list holds clipped copies, but the arrays
the optimizer holds are unchanged."""

FAILS = [
    "ch09_sequences::clip_grads::in_place",
]


def clip_grads(grads, max_norm):
    norm = np.sqrt(sum(float(np.sum(g**2)) for g in grads))
    if norm > max_norm:
        for i, g in enumerate(grads):
            grads[i] = g * (max_norm / (norm + 1e-6))
