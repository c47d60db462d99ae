"""Public checks for ch08_keras: shipped to students, run by their self-check and by grading.

TensorFlow takes 5-7 s to import, hence the chapter's longer per-call limit. Keras computes in
float32, so inputs are float32 and the default margins (rtol 1e-4) apply. Models that a check needs
besides the student's own are built on the student side from plain Keras layers
(`student_mlp`), with weights the check sets, so no expected value depends on random initial
weights; the expected values come from the reference running the same Keras code.
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import fail, as_array, assert_close, require, shapes
from autograder.engine.gradcheck import numerical_gradient

suite = Suite("ch08_keras", public=True)

F32 = np.float32
# The MLP used for the builder checks: distinct widths, so every weight's shape names its layer.
INPUT_DIM, HIDDEN, CLASSES = 5, [7, 6], 3
BUILDERS = ("build_sequential_model", "build_functional_model", "MLPModel")


def builder_call(builder, input_dim, hidden_units, num_classes, **kwargs):
    """How the check called the builder, e.g. 'build_sequential_model(5, [7, 6], 3)' or 'MLPModel([7, 6], 3)'."""
    args = ([] if builder == "MLPModel" else [str(input_dim)]) + [str(list(hidden_units)), str(num_classes)]
    return f"{builder}({', '.join(args + [f'{k}={v}' for k, v in kwargs.items()])})"


# ---- helpers shared with the hidden suite -------------------------------------------------------


def normal32(rng, *shape, scale=1.0):
    return (scale * rng.normal(size=shape)).astype(F32)


def mlp_param_count(input_dim, hidden_units, num_classes):
    sizes = [input_dim, *hidden_units, num_classes]
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))


def make_model(t, builder, input_dim, hidden_units, num_classes, **kwargs):
    """The student's model from one of the three builders, kept on the student side."""
    if builder == "MLPModel":
        return t.student.remote("MLPModel").keep(list(hidden_units), num_classes, **kwargs)
    return t.student.remote(builder).keep(input_dim, list(hidden_units), num_classes, **kwargs)


def model_output(model, x, what, num_classes, **kwargs):
    """model(x) as a float array of shape (N, num_classes)."""
    return as_array(model(x, **kwargs), what, (len(x), num_classes),
                    hint="the output layer is Dense(num_classes, activation='softmax')")


def dense_layer(t, units, activation=None):
    """A student CustomDense; without `activation` the constructor's default is used."""
    if activation is None:
        return t.student.new("CustomDense", units)
    return t.student.new("CustomDense", units, activation=activation)


def assign_dense(layer, W, b):
    """Write W and b into a built CustomDense (its `kernel` and `bias` variables)."""
    layer.attr("kernel").call("assign", W)
    layer.attr("bias").call("assign", b)


def reference_dense_stack(ref, x, layers):
    """The reference CustomDense layers [(W, b, activation), ...] applied in turn to x."""
    out = x
    for W, b, activation in layers:
        layer = ref.CustomDense(W.shape[1], activation=activation)
        layer.build((None, W.shape[0]))
        layer.kernel.assign(W)
        layer.bias.assign(b)
        out = layer(out)
    return np.asarray(out, dtype=np.float64)


def student_mlp(t, sizes, activations, dropout_after=None, rate=0.5):
    """A keras.Sequential of plain Dense layers on the student side (no student code in it)."""
    model = t.student.new("keras.Sequential")
    model.call("add", t.student.new("keras.Input", shape=(sizes[0],)))
    for i, (units, activation) in enumerate(zip(sizes[1:], activations)):
        model.call("add", t.student.new("keras.layers.Dense", units, activation=activation))
        if i == dropout_after:
            model.call("add", t.student.new("keras.layers.Dropout", rate))
    return model


def reference_mlp(ref, sizes, activations, dropout_after=None, rate=0.5):
    layers = [ref.keras.Input(shape=(sizes[0],))]
    for i, (units, activation) in enumerate(zip(sizes[1:], activations)):
        layers.append(ref.keras.layers.Dense(units, activation=activation))
        if i == dropout_after:
            layers.append(ref.keras.layers.Dropout(rate))
    return ref.keras.Sequential(layers)


def mlp_weights(rng, sizes):
    """[W1, b1, W2, b2, ...] in float32, scaled by 1/sqrt(fan_in), biases nonzero."""
    weights = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        weights += [normal32(rng, a, b, scale=1 / np.sqrt(a)), normal32(rng, b, scale=0.3)]
    return weights


def away_from_relu_kink(rng, n, weights, margin=1e-2):
    """n inputs whose first-layer pre-activations all stay at least `margin` away from 0."""
    W1, b1 = weights[0], weights[1]
    while True:
        x = normal32(rng, n, W1.shape[0])
        if np.abs(x @ W1 + b1).min() > margin:
            return x


def reference_training(ref, sizes, activations, weights, optimizer, options, batches, epochs=None):
    """Losses and final weights of the reference train_step (or fit_custom_loop when `epochs` is given)."""
    model = reference_mlp(ref, sizes, activations)
    model.set_weights(weights)
    opt = getattr(ref.keras.optimizers, optimizer)(**options)
    loss_fn = ref.keras.losses.SparseCategoricalCrossentropy()
    if epochs is not None:
        dataset = ref.tf.data.Dataset.from_tensor_slices(batches).batch(16)
        losses = ref.fit_custom_loop(model, dataset, opt, loss_fn, epochs=epochs)
    else:
        losses = [float(ref.train_step(model, opt, loss_fn, xb, yb)) for xb, yb in batches]
    return [float(v) for v in losses], model.get_weights()


def learnable_problem(rng, n=64, d=4, classes=3):
    """Inputs with labels from a linear rule (argmax of x @ V): a small MLP can fit them."""
    x = normal32(rng, n, d)
    y = np.argmax(x @ rng.normal(size=(d, classes)), axis=1).astype(np.int64)
    return x, y


def batches_of(t, what, items):
    """The (x_batch, y_batch) pairs a dataset produced, as float arrays."""
    batches = []
    for i, item in enumerate(items):
        require(isinstance(item, tuple) and len(item) == 2,
                f"{what}: batch {i} is not a pair (x_batch, y_batch).",
                hint="tf.data.Dataset.from_tensor_slices((x, y)) makes elements that are pairs")
        batches.append((as_array(item[0], f"{what}: x of batch {i}"), as_array(item[1], f"{what}: y of batch {i}")))
    return batches


def labelled_rows(rng, n, d):
    """n rows of distinct values and their labels (so each sample can be found again)."""
    return normal32(rng, n, d), rng.integers(0, 10, size=n).astype(np.int64)


# ---- CustomDense ----------------------------------------------------------------------------------


@suite.check("CustomDense", "build_creates_weights", points=1)
def dense_build_creates_weights(t):
    for d, units in ((5, 6), (9, 4)):
        layer = dense_layer(t, units)
        before = layer.get("weights")
        require(isinstance(before, list) and len(before) == 0,
                f"CustomDense({units}) has weights before its first call; they can only be created in build, "
                "when the input size is known.", hint="create kernel and bias in build(input_shape), not in __init__")
        layer(normal32(t.rng, 3, d))
        for name, shape in (("kernel", (d, units)), ("bias", (units,))):
            got = np.shape(layer.get(name))
            require(got == shape, f"CustomDense({units}).{name} has shape {got} after a call on input (3, {d}); expected {shape}.",
                    hint="kernel: (input_shape[-1], units); bias: (units,)")


@suite.check("CustomDense", "forward", points=2)
def dense_forward(t):
    x, W, b = normal32(t.rng, 6, 5), normal32(t.rng, 5, 4, scale=0.5), normal32(t.rng, 4, scale=0.5)
    layer = dense_layer(t, 4, "tanh")
    layer(x)
    assign_dense(layer, W, b)
    want = t.expect("out", lambda ref: reference_dense_stack(ref, x, [(W, b, "tanh")]))
    assert_close(layer(x), want, "CustomDense(4, activation='tanh')(x)", context=shapes(x=x, kernel=W, bias=b),
                 hint="call: self.activation(inputs @ self.kernel + self.bias), with keras.activations.get(activation)")


# ---- huber_loss ----------------------------------------------------------------------------------


def huber_inputs(rng, shape, delta, spread=3.0):
    """y_true, y_pred (float32) with errors on both sides of ±delta, none within 1e-2 of the kink."""
    y_true = normal32(rng, *shape)
    while True:
        error = rng.uniform(-spread * delta, spread * delta, size=shape)
        if np.abs(np.abs(error) - delta).min() > 1e-2 * delta:
            return y_true, (y_true + error).astype(F32)


def keras_huber(ref, y_true, y_pred, delta):
    return float(ref.keras.losses.Huber(delta=delta)(y_true, y_pred))


@suite.check("huber_loss", "matches_keras_huber", points=2)
def huber_matches_keras(t):
    for delta in (None, 2.0):
        y_true, y_pred = huber_inputs(t.rng, (6, 4), delta or 1.0)
        kwargs = {} if delta is None else {"delta": delta}
        want = t.expect(f"loss{delta}", lambda ref: keras_huber(ref, y_true, y_pred, delta or 1.0))
        assert_close(t.student.call("huber_loss", y_true, y_pred, **kwargs), want,
                     f"huber_loss(y_true, y_pred{', delta=' + str(delta) if delta else ''})",
                     context=shapes(y_true=y_true, y_pred=y_pred) + " Expected: keras.losses.Huber(delta).",
                     hint="mean of 0.5*e**2 where |e| <= delta, else delta*(|e| - 0.5*delta); e = y_pred - y_true")


def huber_gradient_check(t, shape, delta):
    y_true, y_pred = huber_inputs(t.rng, shape, delta)
    t.student.call("huber_loss", y_true, y_pred, delta=delta)  # so that an unfinished huber_loss is named as such
    got = t.student.call("loss_gradient", t.student.remote("huber_loss"), y_true, y_pred, delta=delta)
    what = f"the gradient of huber_loss(y_true, y_pred, delta={delta}) with respect to y_pred"
    require(got is not None, f"GradientTape found no gradient of huber_loss: {what} is None.",
            hint="compute the loss with TensorFlow operations (tf.abs, tf.where, tf.reduce_mean), not numpy: "
                 "the tape only follows TensorFlow operations")
    truth, pred = y_true.astype(np.float64), y_pred.astype(np.float64)
    want = t.expect("grad", lambda ref: numerical_gradient(lambda p: np.asarray(ref.huber_loss(truth, p, delta)), pred.copy()))
    assert_close(got, want, what, context=shapes(y_true=y_true, y_pred=y_pred),
                 hint="the derivative is clip(e, -delta, delta) / (number of elements): quadratic inside, linear outside")


@suite.check("huber_loss", "gradient", points=2)
def huber_gradient(t):
    huber_gradient_check(t, (5, 4), 1.5)


# ---- the three builders --------------------------------------------------------------------------


def param_count_check(t, builder, input_dim, hidden_units, num_classes, **kwargs):
    model = make_model(t, builder, input_dim, hidden_units, num_classes, **kwargs)
    model(normal32(t.rng, 2, input_dim))  # builds a subclassed model
    call = builder_call(builder, input_dim, hidden_units, num_classes, **kwargs)
    got = int(as_array(model.call("count_params"), f"{call}.count_params()", ()))
    want = mlp_param_count(input_dim, hidden_units, num_classes)
    require(got == want, f"{call} has {got} parameters; expected {want}.",
            hint="one Dense(units, 'relu') per entry of hidden_units, then Dense(num_classes, 'softmax'); "
                 "each Dense has (inputs + 1) * units parameters, Dropout none")


for _builder in BUILDERS:

    def _param_count(t, builder=_builder):
        param_count_check(t, builder, INPUT_DIM, HIDDEN, CLASSES)

    suite.check(_builder, "param_count", points=1)(_param_count)


def probabilities_check(t, builder):
    model = make_model(t, builder, INPUT_DIM, HIDDEN, CLASSES)
    x = normal32(t.rng, 6, INPUT_DIM, scale=2.0)
    what = f"model(x) for model = {builder_call(builder, INPUT_DIM, HIDDEN, CLASSES)}"
    out = model_output(model, x, what, CLASSES)
    hint = "end with Dense(num_classes, activation='softmax'): its outputs are probabilities"
    require(np.all(out >= 0), f"{what} has negative entries; expected probabilities.", hint=hint)
    assert_close(out.sum(axis=1), np.ones(len(x)), f"the row sums of {what}", atol=1e-5, hint=hint)


@suite.check("build_sequential_model", "output_probabilities", points=1)
def sequential_probabilities(t):
    probabilities_check(t, "build_sequential_model")


# ---- make_dataset --------------------------------------------------------------------------------


def batch_shapes_check(t, what, batches, n, d, batch_size):
    sizes = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    require(len(batches) == len(sizes), f"{what} gave {len(batches)} batches; expected {len(sizes)} "
            f"(sizes {sizes}).", hint="batch(batch_size) keeps the smaller last batch: do not drop the remainder")
    for i, ((xb, yb), size) in enumerate(zip(batches, sizes)):
        require(xb.shape == (size, d) and yb.shape == (size,),
                f"{what}: batch {i} has shapes x {xb.shape}, y {yb.shape}; expected ({size}, {d}) and ({size},).",
                hint="from_tensor_slices((x, y)) then batch(batch_size)")


@suite.check("make_dataset", "batches", points=2)
def dataset_batches(t):
    x, y = labelled_rows(t.rng, 50, 3)
    what = "make_dataset(x, y, batch_size=16, shuffle=False)"
    batches = batches_of(t, what, t.student.remote("make_dataset").keep(x, y, batch_size=16, shuffle=False).items(100))
    batch_shapes_check(t, what, batches, 50, 3, 16)


# ---- train_step and fit_custom_loop -------------------------------------------------------------

STEP_SIZES, STEP_ACTIVATIONS = [4, 6, 3], ["relu", "softmax"]


def step_setup(t, n=8):
    weights = mlp_weights(t.rng, STEP_SIZES)
    x = away_from_relu_kink(t.rng, n, weights)
    y = t.rng.integers(0, STEP_SIZES[-1], size=n).astype(np.int64)
    model = student_mlp(t, STEP_SIZES, STEP_ACTIVATIONS)
    model.call("set_weights", weights)
    loss_fn = t.student.new("keras.losses.SparseCategoricalCrossentropy")
    return weights, x, y, model, loss_fn


def assert_weights(got, want, before, what, hint):
    """The model's weights (a list of arrays) against the expected ones, naming the first wrong one."""
    require(isinstance(got, list) and len(got) == len(want), f"{what}: expected {len(want)} weight arrays.")
    if all(np.array_equal(np.asarray(g), b) for g, b in zip(got, before)):
        fail(f"{what}: the weights did not change.", hint)
    for i, (g, w) in enumerate(zip(got, want)):
        assert_close(g, w, f"{what}: weight {i} of {len(want)} ({'kernel' if i % 2 == 0 else 'bias'} of layer {i // 2 + 1})",
                     hint=hint)


STEP_HINT = ("under tf.GradientTape: y_pred = model(x, training=True), loss = loss_fn(y, y_pred); then "
             "grads = tape.gradient(loss, model.trainable_variables) and optimizer.apply_gradients(zip(grads, model.trainable_variables))")


@suite.check("train_step", "sgd_step_updates_weights", points=3)
def train_step_sgd(t):
    weights, x, y, model, loss_fn = step_setup(t)
    optimizer = t.student.new("keras.optimizers.SGD", learning_rate=0.5)
    t.student.call("train_step", model, optimizer, loss_fn, x, y)
    _, want = t.expect("step", lambda ref: reference_training(ref, STEP_SIZES, STEP_ACTIVATIONS, weights, "SGD",
                                                              {"learning_rate": 0.5}, [(x, y)]))
    assert_weights(model.call("get_weights"), want, weights,
                   "the model after train_step(model, SGD(learning_rate=0.5), SparseCategoricalCrossentropy(), x, y)",
                   hint="with SGD one step is w -= 0.5 * dloss/dw; " + STEP_HINT)


@suite.check("fit_custom_loop", "losses_decrease", points=2)
def fit_losses_decrease(t):
    sizes = [4, 8, 3]
    x, y = learnable_problem(t.rng)
    model = student_mlp(t, sizes, ["relu", "softmax"])
    model.call("set_weights", mlp_weights(t.rng, sizes))
    dataset = t.student.remote("tf.data.Dataset.from_tensor_slices").keep((x, y)).attr("batch").keep(16)
    optimizer = t.student.new("keras.optimizers.SGD", learning_rate=0.3)
    loss_fn = t.student.new("keras.losses.SparseCategoricalCrossentropy")
    what = "fit_custom_loop(model, dataset, SGD(learning_rate=0.3), SparseCategoricalCrossentropy(), epochs=5)"
    losses = t.student.call("fit_custom_loop", model, dataset, optimizer, loss_fn, epochs=5)
    require(isinstance(losses, list), f"{what} returned {type(losses).__name__}; expected a list of 5 floats.",
            hint="append each epoch's mean loss to a list and return it")
    losses = as_array(losses, what, (5,), hint="one mean loss per epoch")
    require(np.all(np.isfinite(losses)) and losses[-1] < 0.85 * losses[0],
            f"{what} on a learnable problem: the epoch losses do not decrease ({', '.join(f'{v:.4g}' for v in losses)}).",
            hint="every batch of every epoch needs one train_step, which must update the weights")
