"""ch08's KerasStepDecay (the reference) against the SPEC formula, Keras's own staircase schedule,
chapter 5's StepDecay, and a Keras optimizer in model.fit.

`keras.optimizers.schedules.ExponentialDecay(initial_lr, decay_steps=steps_per_drop,
decay_rate=drop, staircase=True)` is the same schedule: `initial_lr * drop ** floor(step /
steps_per_drop)`. Both compute in float32, so they are compared to float32 rounding (rtol 1e-6);
the float64 formula likewise. In `fit`, SGD driven by either schedule gives the same weights, and
a callback reading `optimizer.learning_rate` before every batch sees the formula's value at the
optimizer's step.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.oracle.tf_helpers import close, tf

from solutions import ch08_keras as ch08

keras = pytest.importorskip("keras")

RTOL32 = 1e-6
CASES = {"halve-every-10": (0.1, 0.5, 10), "every-step": (0.05, 0.3, 1), "slow": (2.0, 0.9, 7),
         "drop-above-1": (0.01, 1.5, 3)}
STEPS = [0, 1, 2, 6, 7, 9, 10, 11, 13, 14, 20, 99, 100, 101, 700, 1000]


def formula(initial_lr, drop, steps_per_drop, step):
    return initial_lr * drop ** (step // steps_per_drop)


def float32_steps(initial_lr, drop, steps_per_drop):
    """The steps of STEPS whose value float32 holds, and the tolerance against float64 there."""
    steps = [s for s in STEPS if 1e-30 < formula(initial_lr, drop, steps_per_drop, s) < 1e30]
    return steps, RTOL32 * (1 + max(s // steps_per_drop for s in steps))


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_schedule_equals_the_spec_formula(case):
    """Does KerasStepDecay give initial_lr * drop ** (step // steps_per_drop), for ints and int64 tensors?"""
    initial_lr, drop, steps_per_drop = CASES[case]
    schedule = ch08.KerasStepDecay(initial_lr, drop=drop, steps_per_drop=steps_per_drop)
    # float32 holds drop to 6e-8 relative, and drop ** k multiplies that by k; past float32's range
    # (1e-38 to 3e38) the value underflows to 0 or overflows to inf, as Keras's own schedules do.
    steps, rtol = float32_steps(initial_lr, drop, steps_per_drop)
    want = [formula(initial_lr, drop, steps_per_drop, s) for s in steps]
    close([float(schedule(s)) for s in steps], want, rtol=rtol, atol=0, what="python int steps")
    close([float(schedule(tf.constant(s, tf.int64))) for s in steps], want, rtol=rtol, atol=0, what="int64 tensors")


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_schedule_equals_keras_exponential_decay_staircase(case):
    """Is it Keras's ExponentialDecay(initial_lr, steps_per_drop, drop, staircase=True), step for step?"""
    initial_lr, drop, steps_per_drop = CASES[case]
    ours = ch08.KerasStepDecay(initial_lr, drop=drop, steps_per_drop=steps_per_drop)
    theirs = keras.optimizers.schedules.ExponentialDecay(initial_lr, steps_per_drop, drop, staircase=True)
    close([float(ours(s)) for s in STEPS], [float(theirs(s)) for s in STEPS], rtol=RTOL32, atol=0)


def test_schedule_equals_ch05_step_decay():
    """Do chapter 8's Keras schedule and chapter 5's numpy StepDecay give the same values?"""
    ch05 = pytest.importorskip("solutions.ch05_optimizers")
    if not hasattr(ch05, "StepDecay"):
        pytest.skip("solutions/ch05_optimizers.py has no StepDecay yet")
    for initial_lr, drop, steps_per_drop in CASES.values():
        numpy_schedule = ch05.StepDecay(initial_lr, drop=drop, steps_per_drop=steps_per_drop)
        keras_schedule = ch08.KerasStepDecay(initial_lr, drop=drop, steps_per_drop=steps_per_drop)
        steps, rtol = float32_steps(initial_lr, drop, steps_per_drop)
        close([float(keras_schedule(s)) for s in steps], [float(numpy_schedule(s)) for s in steps], rtol=rtol, atol=0)


def test_schedule_get_config_round_trips_through_optimizer_serialization():
    """Is the schedule rebuilt from its config, also inside a serialized optimizer (registered class)?"""
    schedule = ch08.KerasStepDecay(0.3, drop=0.25, steps_per_drop=3)
    assert schedule.get_config() == {"initial_lr": 0.3, "drop": 0.25, "steps_per_drop": 3}
    config = keras.optimizers.serialize(keras.optimizers.SGD(learning_rate=schedule))
    rebuilt = keras.optimizers.deserialize(config)
    # By its registered name "ch08>KerasStepDecay" (another loaded copy of the reference may hold that name last).
    assert type(rebuilt._learning_rate).__name__ == "KerasStepDecay"
    assert rebuilt._learning_rate.get_config() == schedule.get_config()
    close([float(rebuilt._learning_rate(s)) for s in STEPS], [float(schedule(s)) for s in STEPS], rtol=0, atol=0)


def fit_with(schedule, x, y, weights, seen):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.set_weights(weights)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedule), loss="sparse_categorical_crossentropy",
                  jit_compile=False)
    record = keras.callbacks.LambdaCallback(on_train_batch_begin=lambda batch, logs: seen.append(
        (int(model.optimizer.iterations), float(model.optimizer.learning_rate))))
    model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0, callbacks=[record])
    return model.get_weights()


def test_schedule_drives_sgd_in_fit_like_keras_staircase_decay():
    """In model.fit, does a callback see the formula's rate before every update, and do the weights
    match SGD driven by Keras's own staircase schedule?"""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 4)).astype(np.float32)
    y = rng.integers(0, 3, size=40)
    weights = [rng.normal(size=s).astype(np.float32) * 0.5 for s in ((4, 6), (6,), (6, 3), (3,))]
    seen_ours, seen_keras = [], []
    ours = fit_with(ch08.KerasStepDecay(0.4, drop=0.5, steps_per_drop=4), x, y, weights, seen_ours)
    theirs = fit_with(keras.optimizers.schedules.ExponentialDecay(0.4, 4, 0.5, staircase=True), x, y, weights, seen_keras)
    assert [step for step, _ in seen_ours] == list(range(15))  # 5 batches per epoch, 3 epochs
    close([rate for _, rate in seen_ours], [formula(0.4, 0.5, 4, step) for step, _ in seen_ours], rtol=RTOL32, atol=0)
    for a, b in zip(ours, theirs):
        close(a, b, rtol=1e-6, atol=1e-7)
