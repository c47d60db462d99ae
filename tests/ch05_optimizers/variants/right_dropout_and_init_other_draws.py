"""Other draws than the reference's: masks from rng.binomial as floats (kept when the draw is 1),
test mode returning a copy, initializers from rng.normal(0, std, size); l2 with explicit loops."""

FAILS = []


class Dropout:
    def __init__(self, dropout_ratio=0.5, seed=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(seed)
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            keep = 1.0 - self.dropout_ratio
            self.mask = self.rng.binomial(1, keep, size=x.shape) / keep
            return x * self.mask
        return np.array(x, copy=True)

    def backward(self, dout):
        return dout * self.mask


def he_normal(shape, rng=None):
    n = np.prod(shape[1:]) if len(shape) == 4 else shape[0]
    return (rng or np.random.default_rng()).normal(0.0, np.sqrt(2 / n), size=shape)


def xavier_normal(shape, rng=None):
    n = np.prod(shape[1:]) if len(shape) == 4 else shape[0]
    return (rng or np.random.default_rng()).normal(0.0, 1 / np.sqrt(n), size=shape)


def l2_penalty(params, weight_decay_lambda):
    total = 0.0
    for key in params:
        if key[0] == "W":
            for value in params[key].ravel():
                total += value * value
    return weight_decay_lambda * total / 2


def l2_penalty_grad(params, weight_decay_lambda):
    grads = {}
    for key in params:
        if key[0] == "W":
            grads[key] = params[key] * weight_decay_lambda
    return grads
