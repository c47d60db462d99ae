"""Every optimizer evaluates a schedule once, lr(0), in its constructor, and keeps that number."""

FAILS = [
    "ch05_optimizers::SGD::lr_schedule",
    "ch05_optimizers::Momentum::lr_schedule",
    "ch05_optimizers::AdaGrad::lr_schedule",
    "ch05_optimizers::RMSprop::lr_schedule",
    "ch05_optimizers::Adam::lr_schedule",
]


def _read_once(cls):
    class ReadOnce(cls):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if callable(self.lr):
                self.lr = float(self.lr(0))

    ReadOnce.__name__ = cls.__name__
    return ReadOnce


SGD, Momentum, AdaGrad, RMSprop, Adam = (_read_once(c) for c in (SGD, Momentum, AdaGrad, RMSprop, Adam))
