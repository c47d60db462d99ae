"""l1_penalty_grad copied from l2_penalty_grad: lambda * W instead of lambda * sign(W)."""

FAILS = [
    "ch05_optimizers::l1_penalty_grad::value",
    "ch05_optimizers::l1_penalty_grad::only_weight_keys",
    "ch05_optimizers::l1_penalty_grad::zero_at_zero",
]


def l1_penalty_grad(params, weight_decay_lambda):
    return {key: weight_decay_lambda * w for key, w in params.items() if key.startswith("W")}
