"""Every optimizer asks a schedule for lr(t) with t counted from 1 (update number 1 uses lr(1)), one
step ahead of the SPEC's lr(0) for the first update."""

FAILS = [
    "ch05_optimizers::SGD::lr_schedule",
    "ch05_optimizers::Momentum::lr_schedule",
    "ch05_optimizers::AdaGrad::lr_schedule",
    "ch05_optimizers::RMSprop::lr_schedule",
    "ch05_optimizers::Adam::lr_schedule",
]


def learning_rate(lr, step):
    return lr(step + 1) if callable(lr) else lr
