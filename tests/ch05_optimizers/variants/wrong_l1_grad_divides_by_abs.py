"""l1_penalty_grad as lambda * W / |W|: the sign everywhere but at W == 0, where it is 0/0 = nan."""

FAILS = ["ch05_optimizers::l1_penalty_grad::zero_at_zero"]


def l1_penalty_grad(params, weight_decay_lambda):
    return {key: weight_decay_lambda * w / np.abs(w) for key, w in params.items() if key.startswith("W")}
