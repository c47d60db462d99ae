"""l1_penalty copied from l2_penalty with its factor 0.5: 0.5 * lambda * sum(|W|)."""

FAILS = ["ch05_optimizers::l1_penalty::value", "ch05_optimizers::l1_penalty::only_weight_keys"]


def l1_penalty(params, weight_decay_lambda):
    return 0.5 * weight_decay_lambda * sum(float(np.sum(np.abs(w))) for k, w in params.items() if k.startswith("W"))
