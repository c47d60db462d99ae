"""Weight decay over every key that does not start with "b": batch-norm's gamma is penalized too."""

FAILS = ["ch05_optimizers::l2_penalty::only_weight_keys", "ch05_optimizers::l2_penalty_grad::only_weight_keys"]


def l2_penalty(params, weight_decay_lambda):
    return 0.5 * weight_decay_lambda * sum(float(np.sum(p**2)) for k, p in params.items() if not k.startswith("b"))


def l2_penalty_grad(params, weight_decay_lambda):
    return {key: weight_decay_lambda * p for key, p in params.items() if not key.startswith("b")}
