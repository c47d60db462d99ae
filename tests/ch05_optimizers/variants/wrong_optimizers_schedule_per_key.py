"""SGD, Momentum, AdaGrad and RMSprop count a step per key, not per update (update runs key by key),
so with three keys the first update already asks the schedule for lr(0), lr(1) and lr(2)."""

FAILS = [
    "ch05_optimizers::SGD::lr_schedule",
    "ch05_optimizers::Momentum::lr_schedule",
    "ch05_optimizers::AdaGrad::lr_schedule",
    "ch05_optimizers::RMSprop::lr_schedule",
]


def _per_key(cls):
    class PerKey(cls):
        def update(self, params, grads):
            for key in params:
                view = {key: params[key]}
                super().update(view, {key: grads[key]})

    PerKey.__name__ = cls.__name__
    return PerKey


SGD, Momentum, AdaGrad, RMSprop = (_per_key(c) for c in (SGD, Momentum, AdaGrad, RMSprop))
