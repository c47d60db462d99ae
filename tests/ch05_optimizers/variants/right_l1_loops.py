"""L1 with explicit loops over the entries: |w| as max(w, -w), the sign by comparisons (0 at 0), a
numpy float returned; keys chosen with key[0] == "W"."""

FAILS = []


def l1_penalty(params, weight_decay_lambda):
    total = np.float64(0.0)
    for key in params:
        if key[0] == "W":
            for w in params[key].ravel():
                total += max(w, -w)
    return weight_decay_lambda * total


def l1_penalty_grad(params, weight_decay_lambda):
    grads = {}
    for key in params:
        if key[0] == "W":
            w = params[key]
            grads[key] = weight_decay_lambda * ((w > 0).astype(float) - (w < 0).astype(float))
    return grads
