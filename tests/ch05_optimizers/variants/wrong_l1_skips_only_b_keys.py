"""L1 weight decay over every key that does not start with "b": batch-norm's gamma and beta are penalized too."""

FAILS = ["ch05_optimizers::l1_penalty::only_weight_keys", "ch05_optimizers::l1_penalty_grad::only_weight_keys"]


def l1_penalty(params, weight_decay_lambda):
    return weight_decay_lambda * sum(float(np.sum(np.abs(p))) for k, p in params.items() if not k.startswith("b"))


def l1_penalty_grad(params, weight_decay_lambda):
    return {key: weight_decay_lambda * np.sign(p) for key, p in params.items() if not key.startswith("b")}
