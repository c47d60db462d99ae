"""l1_penalty_grad as +lambda where W >= 0 and -lambda elsewhere: where W is exactly 0 it pushes the
weight away from 0 instead of leaving it there."""

FAILS = ["ch05_optimizers::l1_penalty_grad::zero_at_zero"]


def l1_penalty_grad(params, weight_decay_lambda):
    return {key: np.where(w >= 0, weight_decay_lambda, -weight_decay_lambda)
            for key, w in params.items() if key.startswith("W")}
