"""Hidden checks for ch05_optimizers: defaults, in-place updates, zero gradients, eps, properties,
optimizers driven by a schedule, the edges of the schedules (drops, staircase, warmup, alpha)."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_unchanged, require, shapes
from autograder.suites.public.ch05_optimizers import (
    SHAPES, UPDATE_HINTS, check_init_std, check_penalty, check_penalty_grad, check_schedule, check_schedule_driven,
    compare_steps, draw_grads, draw_params, rounded, student_rng,
)

suite = Suite("ch05_optimizers", public=False)

OPTIMIZERS = ("SGD", "Momentum", "AdaGrad", "RMSprop", "Adam")


# ---- optimizers -----------------------------------------------------------------------------

for _name in OPTIMIZERS:

    def _defaults(t, name=_name):
        """`name()` with no arguments must use the SPEC's default hyperparameters."""
        params0 = draw_params(t.rng)
        compare_steps(t, name, {}, params0, [draw_grads(t.rng) for _ in range(5)],
                      hint=UPDATE_HINTS[name] + "; check the default values of the constructor's arguments")

    def _in_place(t, name=_name):
        """update must change the very arrays of params (the network's layers hold them)."""
        params0 = draw_params(t.rng)
        arrays = {k: t.student.put(v) for k, v in params0.items()}
        params = t.student.put({k: r.as_handle() for k, r in arrays.items()})
        optimizer = t.student.new(name, lr=0.05)
        for _ in range(3):
            optimizer.call("update", params, draw_grads(t.rng))
        hint = "write params[key] -= step (in place), not params[key] = params[key] - step (a new array)"
        for key in params0:  # the arrays passed in, read back: a new array bound to params[key] leaves them as they were
            now = as_array(arrays[key].value(), f"params['{key}']", params0[key].shape)
            require(not np.array_equal(now, params0[key]),
                    f"after {name}(lr=0.05).update, the array passed in as params['{key}'] still holds its old "
                    "values (was a new array bound to params[key] instead?).", hint)

    suite.check(_name, "default_hyperparameters", points=1)(_defaults)
    suite.check(_name, "updates_in_place", points=1)(_in_place)


# every argument spelled out (with its SPEC default but lr), so that wrong defaults do not count here
ZERO_GRADIENT_KWARGS = {
    "AdaGrad": {"lr": 0.05, "eps": 1e-7},
    "RMSprop": {"lr": 0.05, "decay_rate": 0.99, "eps": 1e-7},
    "Adam": {"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}

for _name in ZERO_GRADIENT_KWARGS:

    def _zero_gradient(t, name=_name):
        """Entries whose gradient is always 0 keep h (or v) = 0: without eps the step is 0/0 = nan."""
        params0 = draw_params(t.rng)
        zero = {k: t.rng.random(s) < 0.35 for k, s in SHAPES.items()}
        grads_seq = []
        for _ in range(3):
            grads = draw_grads(t.rng)
            grads_seq.append({k: np.where(zero[k], 0.0, g) for k, g in grads.items()})
        compare_steps(t, name, ZERO_GRADIENT_KWARGS[name], params0, grads_seq,
                      hint=UPDATE_HINTS[name] + ". Where every gradient so far was 0 the average of g*g is 0, "
                      "and only the eps in the denominator keeps the step from being 0/0 = nan")

    suite.check(_name, "zero_gradient", points=1)(_zero_gradient)


for _name, _points in (("Momentum", 1), ("AdaGrad", 1), ("RMSprop", 1), ("Adam", 2)):

    def _lr_schedule(t, name=_name):
        """`name(lr=schedule)` over many updates: update number t (from 0) must use lr(t)."""
        check_schedule_driven(t, name)

    suite.check(_name, "lr_schedule", points=_points)(_lr_schedule)


@suite.check("Adam", "first_step_bias_corrected", points=1)
def adam_first_step(t):
    params0 = draw_params(t.rng)
    compare_steps(t, "Adam", {"lr": 0.01}, params0, [draw_grads(t.rng)],
                  hint="with m_hat = m/(1 - beta1**t) and v_hat = v/(1 - beta2**t), t = 1 at the first update, "
                  "the first step is lr * g / (|g| + eps), about lr * sign(g)")


@suite.check("Adam", "honors_eps", points=1)
def adam_honors_eps(t):
    # With beta1 = beta2 = 0.5 the bias corrections are 1 - 0.5**t ~ 1 after 15 updates, so the
    # "efficient" order (which turns eps into eps / sqrt(1 - beta2**t)) agrees to ~1e-5 there;
    # an Adam that ignores the eps argument is off by ~10% with eps = 0.1.
    params0 = draw_params(t.rng)
    grads_seq = [draw_grads(t.rng) for _ in range(20)]
    compare_steps(t, "Adam", {"lr": 0.01, "beta1": 0.5, "beta2": 0.5, "eps": 0.1}, params0, grads_seq,
                  check_from=16, hint="use the eps argument: p -= lr * m_hat / (sqrt(v_hat) + eps)")


# ---- initializers ---------------------------------------------------------------------------


@suite.check("he_normal", "fan_in_4d", points=1)
def he_fan_in_4d(t):
    check_init_std(t, "he_normal", (64, 32, 5, 5))


@suite.check("xavier_normal", "fan_in_4d", points=1)
def xavier_fan_in_4d(t):
    check_init_std(t, "xavier_normal", (64, 32, 5, 5))


def check_init_reproducible(t, name):
    seed = int(t.rng.integers(2**31))
    for shape in ((20, 10), (8, 3, 3, 3)):
        first = as_array(t.student.call(name, shape, rng=student_rng(t, seed)), f"{name}({shape}, rng)", shape)
        second = as_array(t.student.call(name, shape, rng=student_rng(t, seed)), f"{name}({shape}, rng)", shape)
        require(np.array_equal(first, second),
                f"{name}({shape}, rng) gave different arrays for two generators made with the same seed {seed}.",
                "draw from the generator passed as rng (rng.standard_normal or rng.normal), not from np.random")


@suite.check("he_normal", "reproducible", points=1)
def he_reproducible(t):
    check_init_reproducible(t, "he_normal")


@suite.check("xavier_normal", "reproducible", points=1)
def xavier_reproducible(t):
    check_init_reproducible(t, "xavier_normal")


# ---- Dropout --------------------------------------------------------------------------------


def signed_away_from_zero(rng, shape):
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 1.5, size=shape)


@suite.check("Dropout", "backward", points=2)
def dropout_backward(t):
    ratio = 0.4
    x, dout = signed_away_from_zero(t.rng, (50, 40)), t.rng.normal(size=(50, 40))
    layer = t.student.new("Dropout", ratio, seed=int(t.rng.integers(2**31)))
    out = as_array(layer.call("forward", x, True), "Dropout(0.4).forward(x, train_flg=True)", x.shape)
    dx = layer.call("backward", dout)
    want = dout * (out != 0) / (1 - ratio)  # the mask that forward used, with the same scale
    assert_close(dx, want, "Dropout(0.4).backward(dout): dx", context=shapes(x=x, dout=dout),
                 hint="reuse the mask saved by forward (do not draw a new one): dx = dout * mask / (1 - dropout_ratio)")


@suite.check("Dropout", "test_mode_identity", points=1)
def dropout_test_mode(t):
    x = t.rng.normal(size=(20, 30))
    got = t.student.new("Dropout", 0.6, seed=0).call("forward", x, False)
    assert_close(got, x, "Dropout(0.6).forward(x, train_flg=False)", context=shapes(x=x),
                 hint="in test mode inverted dropout returns x unchanged (the scaling happened in training)")


@suite.check("Dropout", "reproducible", points=1)
def dropout_reproducible(t):
    seed = int(t.rng.integers(2**31))
    x = signed_away_from_zero(t.rng, (30, 40))
    outs = [t.student.new("Dropout", 0.5, seed=seed).call("forward", x, True) for _ in range(2)]
    first, second = (as_array(o, "Dropout(0.5, seed).forward(x)", x.shape) for o in outs)
    require(np.array_equal(first, second),
            f"two Dropout(0.5, seed={seed}) layers dropped different entries of the same x.",
            "draw the mask from self.rng (made from seed in __init__), not from np.random")


@suite.check("Dropout", "new_mask_each_call", points=1)
def dropout_new_mask(t):
    x = signed_away_from_zero(t.rng, (30, 40))
    layer = t.student.new("Dropout", 0.5, seed=int(t.rng.integers(2**31)))
    first, second = (as_array(layer.call("forward", x, True), "Dropout(0.5).forward(x)", x.shape) for _ in range(2))
    differ = float(np.mean((first != 0) != (second != 0)))  # about 0.5 for independent masks
    require(differ > 0.25,
            f"two calls of Dropout(0.5).forward on one layer dropped the same entries ({differ:.0%} differ).",
            "draw a new mask on every training forward from self.rng; do not re-create the generator from seed")


@suite.check("Dropout", "input_not_modified", points=1)
def dropout_input_not_modified(t):
    x = signed_away_from_zero(t.rng, (10, 20))
    outcome = t.student.new("Dropout", 0.5, seed=0).attr("forward").run(x, True)
    # The mask is random and chosen: judge what every correct mask gives. Each entry is 0 (dropped; x is
    # never 0) or x / (1 - 0.5), and about half are kept (one standard error over 200 entries: 3.5%).
    what = "Dropout(0.5, seed=0).forward(x, train_flg=True)"
    hint = "inverted dropout: out = x * mask / (1 - dropout_ratio), mask kept where rng.random(x.shape) >= dropout_ratio"
    out = as_array(outcome.value, what, x.shape, hint)
    kept = out != 0
    assert_close(np.where(kept, out, 0.0), np.where(kept, 2 * x, 0.0), f"{what} at kept entries",
                 context=shapes(x=x), hint=hint)
    require(0.3 <= kept.mean() <= 0.7, f"{what} kept {kept.mean():.0%} of {x.size} entries, expected about 50%.", hint)
    assert_unchanged(x, outcome.args[0], "Dropout.forward: its input x",
                     hint="return x * mask / (1 - dropout_ratio), a new array; x *= ... changes the caller's")


# ---- weight decay ---------------------------------------------------------------------------

MIXED_SHAPES = {"W1": (3, 4), "b1": (4,), "gamma1": (4,), "beta1": (4,), "W2": (4, 2), "b2": (2,)}


@suite.check("l2_penalty", "only_weight_keys", points=1)
def l2_only_weights(t):
    check_penalty(t, "l2_penalty", MIXED_SHAPES)


@suite.check("l2_penalty_grad", "only_weight_keys", points=1)
def l2_grad_only_weights(t):
    check_penalty_grad(t, "l2_penalty_grad", MIXED_SHAPES)


@suite.check("l1_penalty", "only_weight_keys", points=1)
def l1_only_weights(t):
    check_penalty(t, "l1_penalty", MIXED_SHAPES)


@suite.check("l1_penalty_grad", "only_weight_keys", points=1)
def l1_grad_only_weights(t):
    check_penalty_grad(t, "l1_penalty_grad", MIXED_SHAPES)


@suite.check("l1_penalty_grad", "zero_at_zero", points=1)
def l1_grad_zero_at_zero(t):
    # |w| has no derivative at 0; the SPEC's subgradient there is 0 (np.sign(0) == 0)
    check_penalty_grad(t, "l1_penalty_grad", {"W1": (4, 5), "b1": (5,), "W2": (5, 3)}, zeros=0.3)


# ---- learning-rate schedules ----------------------------------------------------------------


def around(multiples, every):
    """Step 0 and the steps just before, at and just after each drop k * every."""
    return sorted({0, 1} | {k * every + d for k in range(1, multiples + 1) for d in (-1, 0, 1)})


@suite.check("StepDecay", "around_each_drop", points=1)
def step_decay_around_drops(t):
    every = int(t.rng.integers(20, 60))
    args = (rounded(t.rng, 0.05, 0.5),)
    kwargs = {"drop": rounded(t.rng, 0.3, 0.9, 2), "steps_per_drop": every}
    check_schedule(t, "StepDecay", args, kwargs, around(8, every))


@suite.check("StepDecay", "defaults", points=1)
def step_decay_defaults(t):
    check_schedule(t, "StepDecay", (rounded(t.rng, 0.05, 0.5),), {}, [0, 1, 9, 10, 11, 19, 20, 21, 35, 100],
                   hint="the defaults are drop=0.5 and steps_per_drop=10")


@suite.check("ExponentialDecay", "staircase", points=2)
def exponential_decay_staircase(t):
    decay_steps = int(t.rng.integers(5, 15))
    args = (rounded(t.rng, 0.05, 0.5), decay_steps, rounded(t.rng, 0.3, 0.9, 2))
    check_schedule(t, "ExponentialDecay", args, {"staircase": True}, around(5, decay_steps),
                   hint="with staircase=True the exponent is floor(step / decay_steps): constant between multiples of "
                   "decay_steps, one factor decay_rate lower at each")


@suite.check("CosineDecay", "alpha_floor", points=1)
def cosine_decay_alpha(t):
    decay_steps = int(t.rng.integers(10, 30))
    kwargs = {"alpha": rounded(t.rng, 0.1, 0.5, 2)}
    steps = sorted({0, 1} | set(range(2, 2 * decay_steps + 5, 3)) | {decay_steps - 1, decay_steps, decay_steps + 1})
    check_schedule(t, "CosineDecay", (rounded(t.rng, 0.05, 0.5), decay_steps), kwargs, steps,
                   hint="alpha is a fraction of the start rate: lr = start * ((1 - alpha) * cosine + alpha), and it "
                   "stays at alpha * start after decay_steps (s = min(step, decay_steps))")


@suite.check("CosineDecay", "warmup", points=2)
def cosine_decay_warmup(t):
    warmup, decay_steps = int(t.rng.integers(5, 15)), int(t.rng.integers(15, 40))
    args = (rounded(t.rng, 0.001, 0.02, 4), decay_steps)
    kwargs = {"alpha": rounded(t.rng, 0.1, 0.4, 2), "warmup_steps": warmup, "warmup_target": rounded(t.rng, 0.1, 0.5)}
    end = warmup + decay_steps
    steps = sorted({0, 1, 2, warmup // 2, warmup - 1, warmup, warmup + 1, warmup + decay_steps // 2,
                    decay_steps - 1, decay_steps, decay_steps + 1, end - 1, end, end + 1, end + 7})
    check_schedule(t, "CosineDecay", args, kwargs, steps,
                   hint="for step < warmup_steps: initial_lr + (warmup_target - initial_lr) * step / warmup_steps; then "
                   "the cosine from warmup_target to alpha * warmup_target over the next decay_steps steps, with "
                   "s = min(step - warmup_steps, decay_steps)")


@suite.check("CosineDecay", "warmup_target_none", points=1)
def cosine_decay_no_target(t):
    decay_steps = int(t.rng.integers(10, 30))
    kwargs = {"alpha": rounded(t.rng, 0.1, 0.4, 2), "warmup_steps": int(t.rng.integers(5, 10))}
    check_schedule(t, "CosineDecay", (rounded(t.rng, 0.05, 0.5), decay_steps), kwargs,
                   list(range(0, decay_steps + 3)),
                   hint="without a warmup_target there is no warmup (warmup_steps is ignored, as in Keras): the cosine "
                   "starts at initial_lr at step 0")



# ---- corners: low decay rates, defaults, repeated use, any order of steps --------------------


@suite.check("RMSprop", "low_decay_rate", points=1)
def rmsprop_low_decay_rate(t):
    # for decay_rate in (0.5, 1), 1 % decay_rate == 1 - decay_rate: only a rate <= 0.5 tells them apart
    for decay_rate in (0.3, 0.5):
        params0 = draw_params(t.rng)
        compare_steps(t, "RMSprop", {"lr": 0.05, "decay_rate": decay_rate, "eps": 0.01}, params0,
                      [draw_grads(t.rng) for _ in range(5)], label=f"steps{decay_rate}")


def check_init_default_rng(t, name):
    """`name(shape)` without rng: fresh draws with the SPEC std (unseeded, so judged by a 14-sigma margin)."""
    shape = (300, 200)
    formula, gain = ("sqrt(2 / fan_in)", 2.0) if name == "he_normal" else ("sqrt(1 / fan_in)", 1.0)
    hint = "rng has the default None: rng = np.random.default_rng() if rng is None else rng"
    w = as_array(t.student.call(name, shape), f"{name}({shape}) without rng", shape, hint)
    want = np.sqrt(gain / shape[0])
    got_std = float(np.std(w))
    # the draws are unseeded: the message names no measured value, so that a report is the same on every run
    require(abs(got_std / want - 1) < 0.04,
            f"{name}({shape}) without rng has a std more than 4% away from {formula} = {want:.4g}.",
            f"std = {formula} with fan_in = shape[0] for a 2-D shape")
    require(abs(float(np.mean(w))) < 6 * want / np.sqrt(w.size),
            f"{name}({shape}) without rng has a mean far from 0 (more than 6 standard errors).",
            "draw from a normal with mean 0")


@suite.check("he_normal", "default_rng", points=1)
def he_default_rng(t):
    check_init_default_rng(t, "he_normal")


@suite.check("xavier_normal", "default_rng", points=1)
def xavier_default_rng(t):
    check_init_default_rng(t, "xavier_normal")


@suite.check("Dropout", "default_ratio", points=1)
def dropout_default_ratio(t):
    x = t.rng.uniform(0.5, 1.5, size=40_000)  # never 0, so out != 0 exactly where kept
    what = "Dropout().forward(x, train_flg=True)"
    hint = "the defaults are dropout_ratio=0.5 and seed=None: kept entries are scaled by 1 / (1 - 0.5) = 2"
    out = as_array(t.student.new("Dropout").call("forward", x, True), what, x.shape, hint)
    kept = out != 0
    # Dropout() is unseeded: the messages name no measured value, so that a report is the same on every run.
    # One standard error of the kept fraction over 40000 entries is 0.0025; allow 0.02.
    require(abs(kept.mean() - 0.5) < 0.02, f"{what} kept a fraction of the {x.size} entries more than 2% away from 50%.",
            hint)
    require(np.allclose(out[kept], 2 * x[kept], rtol=1e-4, atol=1e-6),
            f"{what} at kept entries is not x / (1 - 0.5) = 2 * x. Shapes: x ({x.size},).", hint)


DROPOUT_BACKWARD_HINT = "dx = dout * mask / (1 - dropout_ratio), with the mask of the latest training forward"


@suite.check("Dropout", "repeated_use", points=1)
def dropout_repeated_use(t):
    ratio = 0.3
    x_other, x = signed_away_from_zero(t.rng, (10, 20)), signed_away_from_zero(t.rng, (30, 40))
    layer = t.student.new("Dropout", ratio, seed=int(t.rng.integers(2**31)))
    layer.call("forward", x_other, True)
    out = as_array(layer.call("forward", x, True), f"Dropout({ratio}).forward(x, train_flg=True)", x.shape)
    for i in range(2):
        dout = t.rng.normal(size=x.shape)
        want = dout * (out != 0) / (1 - ratio)  # the mask of the latest forward, with the same scale
        assert_close(layer.call("backward", dout), want,
                     f"Dropout({ratio}).backward(dout) (call {i + 1} of 2 after one forward(x)): dx",
                     context=shapes(x=x, dout=dout) + " The layer ran forward on another input first, then on x.",
                     hint=DROPOUT_BACKWARD_HINT + "; backward must not change the saved mask")


@suite.check("Dropout", "dout_not_modified", points=1)
def dropout_dout_not_modified(t):
    ratio = 0.4
    x, dout = signed_away_from_zero(t.rng, (20, 30)), t.rng.normal(size=(20, 30))
    layer = t.student.new("Dropout", ratio, seed=int(t.rng.integers(2**31)))
    out = as_array(layer.call("forward", x, True), f"Dropout({ratio}).forward(x, train_flg=True)", x.shape)
    outcome = layer.attr("backward").run(dout)
    assert_close(outcome.value, dout * (out != 0) / (1 - ratio), f"Dropout({ratio}).backward(dout): dx",
                 context=shapes(x=x, dout=dout), hint=DROPOUT_BACKWARD_HINT)
    assert_unchanged(dout, outcome.args[0], "Dropout.backward: its argument dout",
                     hint="dout * self.mask / (1 - dropout_ratio) makes a new array; dout *= ... writes into the caller's")


@suite.check("StepDecay", "any_step_order", points=1)
def step_decay_any_order(t):
    # a schedule is a function of step: asked in any order, or twice for one step, it gives the same rate
    every = int(t.rng.integers(3, 8))
    args, kwargs = (rounded(t.rng, 0.05, 0.5),), {"drop": rounded(t.rng, 0.2, 0.8, 2), "steps_per_drop": every}
    steps = [int(s) for s in t.rng.permutation(np.arange(4 * every + 2))]
    steps = steps + steps[:5]  # some steps a second time
    check_schedule(t, "StepDecay", args, kwargs, steps,
                   hint="compute the rate from step alone, initial_lr * drop ** (step // steps_per_drop): the schedule "
                   "is asked for steps in any order, and again for a step it has seen")
