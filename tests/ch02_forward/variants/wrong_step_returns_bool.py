"""Step function that returns the boolean mask itself: right values, wrong type."""

FAILS = ["ch02_forward::step_function::returns_int"]


def step_function(x):
    return np.asarray(x) > 0
