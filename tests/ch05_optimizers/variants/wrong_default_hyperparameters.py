"""Constructors with defaults from another library (Keras-like: lr 0.001 everywhere, RMSprop rho 0.9)."""

FAILS = [
    "ch05_optimizers::SGD::default_hyperparameters",
    "ch05_optimizers::Momentum::default_hyperparameters",
    "ch05_optimizers::AdaGrad::default_hyperparameters",
    "ch05_optimizers::RMSprop::default_hyperparameters",
]

_SGD, _Momentum, _AdaGrad, _RMSprop = SGD, Momentum, AdaGrad, RMSprop


class SGD(_SGD):
    def __init__(self, lr=0.001):
        super().__init__(lr)


class Momentum(_Momentum):
    def __init__(self, lr=0.001, momentum=0.9):
        super().__init__(lr, momentum)


class AdaGrad(_AdaGrad):
    def __init__(self, lr=0.001, eps=1e-7):
        super().__init__(lr, eps)


class RMSprop(_RMSprop):
    def __init__(self, lr=0.001, decay_rate=0.9, eps=1e-7):
        super().__init__(lr, decay_rate, eps)
