"""Weight decay over every key, biases included."""

FAILS = [
    "ch05_optimizers::l2_penalty::value",
    "ch05_optimizers::l2_penalty_grad::value",
    "ch05_optimizers::l2_penalty::only_weight_keys",
    "ch05_optimizers::l2_penalty_grad::only_weight_keys",
]


def l2_penalty(params, weight_decay_lambda):
    return 0.5 * weight_decay_lambda * sum(float(np.sum(p**2)) for p in params.values())


def l2_penalty_grad(params, weight_decay_lambda):
    return {key: weight_decay_lambda * p for key, p in params.items()}
