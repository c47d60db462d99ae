"""Thresholds x in place (x[x > 0] = 1, x[x <= 0] = 0) and returns it as ints: right values, the caller's x is
overwritten."""

FAILS = ["ch02_forward::step_function::input_unchanged"]


def step_function(x):
    x = np.asarray(x)
    x[x > 0] = 1
    x[x <= 0] = 0
    return x.astype(int)
