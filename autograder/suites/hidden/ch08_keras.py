"""Hidden checks for ch08_keras: initializers, serialization, more deltas, model details, for grading only.

Nothing here assumes a random value: initial weights are judged by bounds and statistics with
wide margins, dropout by "inference is deterministic, training is not", shuffles by "each sample
once, same seed gives the same order" (never by one particular order).
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_equal, fail, require, shapes
from autograder.engine.student import StudentError
from autograder.suites.public.ch08_keras import (
    BUILDERS, CLASSES, F32, HIDDEN, builder_call, INPUT_DIM, STEP_ACTIVATIONS, STEP_HINT, STEP_SIZES, assert_weights,
    assign_dense, batch_shapes_check, batches_of, dense_layer, huber_inputs, keras_huber, labelled_rows,
    learnable_problem, library, make_model, mlp_weights, model_output, normal32, probabilities_check, reference_dense_stack,
    reference_mlp, reference_training, step_setup, student_mlp, augmented_batches, identify_images,
    plateau_images, round_trip_check, step_decay_values, aug_images, augmenter_output,
)

suite = Suite("ch08_keras", public=False)

# ---- CustomDense ----------------------------------------------------------------------------------


@suite.check("CustomDense", "linear_without_activation", points=1)
def dense_linear_by_default(t):
    x, W, b = normal32(t.rng, 5, 6), normal32(t.rng, 6, 3, scale=0.5), normal32(t.rng, 3, scale=0.5)
    layer = dense_layer(t, 3)
    layer(x)
    assign_dense(layer, W, b)
    want = t.expect("out", lambda ref: reference_dense_stack(ref, x, [(W, b, None)]))
    assert_close(layer(x), want, "CustomDense(3)(x) (no activation given)", context=shapes(x=x, kernel=W, bias=b),
                 hint="activation=None means linear: keras.activations.get(None) is the identity")


@suite.check("CustomDense", "trainable_weights", points=1)
def dense_trainable_weights(t):
    layer = dense_layer(t, 4, "relu")
    layer(normal32(t.rng, 2, 7))
    found = layer.get("trainable_weights")
    got = sorted(np.shape(w) for w in found) if isinstance(found, list) else found
    require(got == [(4,), (7, 4)],
            f"CustomDense(4) called on input (2, 7) has trainable weights of shapes {got}; expected the kernel (7, 4) "
            "and the bias (4,).", hint="create both with self.add_weight(..., trainable=True) so that Keras tracks them")


@suite.check("CustomDense", "kernel_glorot_uniform", points=2)
def dense_kernel_glorot_uniform(t):
    fan_in, fan_out = 40, 60
    layer = dense_layer(t, fan_out)
    layer(normal32(t.rng, 2, fan_in))
    kernel = as_array(layer.get("kernel"), "CustomDense(60).kernel", (fan_in, fan_out))
    limit = np.sqrt(6 / (fan_in + fan_out))
    std = limit / np.sqrt(3)  # of the uniform distribution on [-limit, limit]
    what = f"CustomDense(60).kernel on input of size {fan_in} (glorot uniform: uniform on ±{limit:.4f})"
    hint = "initializer='glorot_uniform' in add_weight (not glorot_normal, he_uniform or random_normal)"
    worst = float(np.abs(kernel).max())
    require(worst <= limit * (1 + 1e-5), f"{what} has an entry of size {worst:.4f} beyond the limit "
            f"sqrt(6 / (fan_in + fan_out)) = {limit:.4f}.", hint=hint)
    # 2400 draws: the std's standard error is under 1%, the mean's 2% of std, the fraction's 1%.
    stats = {"standard deviation": (kernel.std(), std, 0.1 * std), "mean": (kernel.mean(), 0.0, 0.15 * std),
             "fraction of entries with |w| < limit/2": (np.mean(np.abs(kernel) < limit / 2), 0.5, 0.06)}
    for name, (got, want, margin) in stats.items():
        require(abs(got - want) <= margin, f"{what}: the {name} is {got:.4f}, expected {want:.4f} ± {margin:.4f}.",
                hint=hint)


@suite.check("CustomDense", "bias_zeros", points=1)
def dense_bias_zeros(t):
    layer = dense_layer(t, 5)
    layer(normal32(t.rng, 2, 3))
    bias = as_array(layer.get("bias"), "CustomDense(5).bias", (5,))
    assert_equal(bias, np.zeros(5), "CustomDense(5).bias after build", hint="initializer='zeros' for the bias")


def reference_dense64(ref, x, W, b):
    layer = ref.CustomDense(W.shape[1], activation="tanh", dtype="float64")
    layer.build((None, W.shape[0]))
    layer.kernel.assign(W)
    layer.bias.assign(b)
    return np.asarray(layer(x))


@suite.check("CustomDense", "keyword_arguments", points=1)
def dense_keyword_arguments(t):
    """Extra keyword arguments go on to keras.layers.Layer: the name, and a dtype of float64 in which the
    weights are made and the layer computes."""
    x, W, b = t.rng.normal(size=(4, 5)), 0.5 * t.rng.normal(size=(5, 3)), 0.5 * t.rng.normal(size=3)
    call = "CustomDense(3, activation='tanh', name='ch08_kwargs', dtype='float64')"
    hint = "def __init__(self, units, activation=None, **kwargs): super().__init__(**kwargs) passes name, dtype, ... on"
    layer = t.student.new("CustomDense", 3, activation="tanh", name="ch08_kwargs", dtype="float64")
    layer(x)
    assign_dense(layer, W, b)
    got = layer(x)
    name = layer.get("name")
    require(name == "ch08_kwargs", f"{call}.name is {name!r}; expected 'ch08_kwargs'.", hint=hint)
    dtype = str(getattr(got, "dtype", type(got).__name__))
    require(dtype == "float64", f"{call}(x) with float64 x gives {dtype} values; expected float64 (the layer's dtype).",
            hint=hint)
    want = t.expect("out", lambda ref: reference_dense64(ref, x, W, b))
    assert_close(got, want, f"{call}(x)", rtol=1e-9, context=shapes(x=x, kernel=W, bias=b),
                 hint="call: self.activation(inputs @ self.kernel + self.bias)")


def relu_safe_inputs(rng, n, W, b):
    """Inputs whose pre-activations x @ W + b all stay 1e-2 away from ReLU's kink."""
    while True:
        x = normal32(rng, n, W.shape[0])
        if np.abs(x @ W + b).min() > 1e-2:
            return x


@suite.check("CustomDense", "get_config_round_trip", points=2)
def dense_config_round_trip(t):
    W, b = normal32(t.rng, 4, 7, scale=0.5), normal32(t.rng, 7, scale=0.5)
    x = relu_safe_inputs(t.rng, 6, W, b)
    layer = t.student.new("CustomDense", 7, activation="relu", name="round_trip")
    config = layer.call("get_config")
    require(isinstance(config, dict) and config.get("units") == 7,
            f"CustomDense(7, activation='relu').get_config() has units = "
            f"{config.get('units') if isinstance(config, dict) else None!r}; expected 7.",
            hint="config = super().get_config(); config.update({'units': ..., 'activation': ...}); return config")
    clone = t.student.remote("CustomDense.from_config").keep(layer.attr("get_config").keep())
    clone(x)
    assign_dense(clone, W, b)
    want = t.expect("out", lambda ref: reference_dense_stack(ref, x, [(W, b, "relu")]))
    assert_close(clone(x), want, "CustomDense.from_config(layer.get_config())(x) for a relu layer",
                 context=shapes(x=x, kernel=W, bias=b),
                 hint="get_config must hold the activation too: keras.activations.serialize(self.activation)")


def dense_stack(t, input_dim=5):
    """A Sequential [Input, CustomDense(4, tanh), CustomDense(3)] with seeded weights, and its expected output."""
    W1, b1 = normal32(t.rng, input_dim, 4, scale=0.5), normal32(t.rng, 4, scale=0.5)
    W2, b2 = normal32(t.rng, 4, 3, scale=0.5), normal32(t.rng, 3, scale=0.5)
    x = normal32(t.rng, 6, input_dim)
    model = library(t, "keras.Sequential").keep()
    model.call("add", library(t, "keras.Input").keep(shape=(input_dim,)))
    layers = [dense_layer(t, 4, "tanh"), dense_layer(t, 3)]
    for layer in layers:
        model.call("add", layer)
    for layer, (W, b) in zip(layers, ((W1, b1), (W2, b2))):
        assign_dense(layer, W, b)
    want = t.expect("out", lambda ref: reference_dense_stack(ref, x, [(W1, b1, "tanh"), (W2, b2, None)]))
    return model, x, want


@suite.check("CustomDense", "in_sequential_model", points=1)
def dense_in_sequential(t):
    model, x, want = dense_stack(t)
    what = "keras.Sequential([keras.Input((5,)), CustomDense(4, 'tanh'), CustomDense(3)])"
    count = int(as_array(model.call("count_params"), f"{what}.count_params()", ()))
    require(count == 5 * 4 + 4 + 4 * 3 + 3, f"{what} has {count} parameters; expected 39.",
            hint="create kernel and bias with self.add_weight so that the model counts and trains them")
    assert_close(model(x), want, f"{what}(x)", context=shapes(x=x), hint="call: activation(inputs @ kernel + bias)")


@suite.check("CustomDense", "save_and_load_model", points=2)
def dense_save_and_load(t):
    model, x, want = dense_stack(t)
    path = "ch08_check_custom_dense.keras"  # relative: the grading worker runs in its own temporary directory
    custom = {"CustomDense": t.student.remote("CustomDense").as_handle()}
    try:
        model.call("save", path)
        loaded = library(t, "keras.models.load_model").keep(path, custom_objects=custom)
    finally:
        try:
            library(t, "tf.io.gfile.remove")(path)
        except StudentError:
            pass  # nothing was saved
    assert_close(loaded(x), want, "a Sequential model with two CustomDense layers after model.save and "
                 "keras.models.load_model", context=shapes(x=x),
                 hint="get_config must return units and activation (and the base config), and the weights must be "
                      "created with add_weight so that they are saved")


# ---- huber_loss ----------------------------------------------------------------------------------


@suite.check("huber_loss", "other_deltas", points=2)
def huber_other_deltas(t):
    cases = [((12,), 0.3, 3.0), ((5, 3), 2.5, 3.0), ((4, 4), 10.0, 0.5), ((3, 5), 0.05, 40.0)]  # all quadratic, all linear
    for i, (shape, delta, spread) in enumerate(cases):
        y_true, y_pred = huber_inputs(t.rng, shape, delta, spread)
        want = t.expect(f"loss{i}", lambda ref: keras_huber(ref, y_true, y_pred, delta))
        assert_close(t.student.call("huber_loss", y_true, y_pred, delta=delta), want,
                     f"huber_loss(y_true, y_pred, delta={delta})", context=shapes(y_true=y_true, y_pred=y_pred),
                     hint="use the delta argument in both the test |e| <= delta and the linear part delta*(|e| - delta/2)")


# ---- the three builders --------------------------------------------------------------------------

for _builder in ("build_functional_model", "MLPModel"):

    def _probabilities(t, builder=_builder):
        probabilities_check(t, builder)

    suite.check(_builder, "output_probabilities", points=1)(_probabilities)


def weight_order(weights, sizes):
    """Positions of [W1, b1, W2, b2, ...] in a model's get_weights() list, found by shape, or None."""
    found = [np.shape(w) for w in weights]
    order = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        for shape in ((a, b), (b,)):
            matches = [i for i, s in enumerate(found) if s == shape and i not in order]
            if len(matches) != 1:
                return None
            order.append(matches[0])
    return order if len(order) == len(found) else None


def dense_weight_order(model, what, sizes, x):
    """Where W1, b1, W2, ... sit in model.get_weights() (after a first call on x, which builds a subclassed model)."""
    model(x)
    current = model.call("get_weights")
    order = weight_order(current, sizes) if isinstance(current, list) else None
    require(order is not None, f"{what} does not have exactly the kernels and biases of Dense layers of sizes "
            f"{' -> '.join(map(str, sizes))} (weights of shapes {[np.shape(w) for w in current] if isinstance(current, list) else '?'}).",
            hint="one Dense per hidden width, in order, then the output Dense; no other weights")
    return order


def set_in_order(model, order, weights):
    """model.set_weights with [W1, b1, W2, ...] put where `order` says."""
    placed = [None] * len(weights)
    for position, array in zip(order, weights):
        placed[position] = array
    model.call("set_weights", placed)


def forward_check(t, builder):
    sizes = [INPUT_DIM, *HIDDEN, CLASSES]
    model = make_model(t, builder, INPUT_DIM, HIDDEN, CLASSES)
    x = normal32(t.rng, 6, INPUT_DIM)
    what = builder_call(builder, INPUT_DIM, HIDDEN, CLASSES)
    order = dense_weight_order(model, what, sizes, x)
    weights = mlp_weights(t.rng, sizes)
    set_in_order(model, order, weights)
    want = t.expect("out", lambda ref: reference_forward(ref, sizes, weights, x))
    assert_close(model(x, training=False), want, f"model(x, training=False) for model = {what} with given weights", context=shapes(x=x),
                 hint="hidden layers Dense(units, activation='relu'), output Dense(num_classes, activation='softmax')")


def reference_forward(ref, sizes, weights, x):
    model = ref.build_sequential_model(sizes[0], sizes[1:-1], sizes[-1])
    model.set_weights(weights)
    return np.asarray(model(x, training=False), dtype=np.float64)


def dropout_check(t, builder):
    hidden = [32, 16]
    model = make_model(t, builder, INPUT_DIM, hidden, CLASSES, dropout_rate=0.5)
    x = normal32(t.rng, 8, INPUT_DIM)
    what = f"model = {builder_call(builder, INPUT_DIM, hidden, CLASSES, dropout_rate=0.5)}"
    first = model_output(model, x, f"model(x, training=False) for {what}", CLASSES, training=False)
    second = model_output(model, x, f"model(x, training=False) for {what}", CLASSES, training=False)
    require(np.array_equal(first, second), f"For {what}, two calls model(x, training=False) give different outputs: "
            "dropout is active at inference.", hint="use keras.layers.Dropout and pass the `training` argument on "
                                                    "(never training=True yourself): it only drops in training")
    train = model_output(model, x, f"model(x, training=True) for {what}", CLASSES, training=True)
    require(np.abs(train - first).max() > 1e-4, f"For {what}, model(x, training=True) equals the inference output: "
            "no dropout in training.", hint="add keras.layers.Dropout(dropout_rate) after each hidden layer when dropout_rate > 0")


DROP_RATE, DROP_ROWS = 0.25, 400  # 800 units: the dropped fraction has a standard deviation of 1.5%


def dropout_rate_check(t, builder):
    """The rate itself: one hidden layer whose units are all 1 before dropout (kernel 0, bias 1) and an
    output whose logits are (h0, h1, 0), so log(p0 / p2) and log(p1 / p2) are two hidden units after
    dropout. Each must be 0 (dropped) or 1 / (1 - rate) (kept, scaled), and about a quarter dropped."""
    sizes = [INPUT_DIM, 16, CLASSES]
    call = builder_call(builder, INPUT_DIM, [16], CLASSES, dropout_rate=DROP_RATE)
    model = make_model(t, builder, INPUT_DIM, [16], CLASSES, dropout_rate=DROP_RATE)
    x = normal32(t.rng, DROP_ROWS, INPUT_DIM)
    order = dense_weight_order(model, call, sizes, x)
    readout = np.zeros((16, CLASSES), F32)
    readout[0, 0] = readout[1, 1] = 1.0
    set_in_order(model, order, [np.zeros((INPUT_DIM, 16), F32), np.ones(16, F32), readout, np.zeros(CLASSES, F32)])
    what = f"model(x, training=True) for model = {call}"
    out = model_output(model, x, what, CLASSES, training=True)
    require(np.all(out > 0), f"{what} has probabilities of 0 or below.", hint="the output layer is Dense(num_classes, activation='softmax')")
    units = np.log(out[:, :2] / out[:, 2:]).ravel()
    kept_value = 1 / (1 - DROP_RATE)
    context = (f"With kernel 0 and bias 1 in the hidden layer, every hidden unit is 1 before dropout; after "
               f"Dropout({DROP_RATE}) a unit is 0 or 1 / (1 - {DROP_RATE}) = {kept_value:.4g}.")
    hint = ("keras.layers.Dropout(dropout_rate): the argument is the fraction dropped (not the fraction kept), "
            "and Keras scales the kept units by 1 / (1 - rate)")
    kept = units[np.abs(units) > 1e-3]
    if len(kept) and np.abs(kept - kept_value).max() > 1e-3:
        fail(f"{what}: a kept hidden unit comes out as {float(kept[np.argmax(np.abs(kept - kept_value))]):.4g}; expected "
             f"{kept_value:.4g}.", hint, context=context)
    dropped = float(np.mean(np.abs(units) <= 1e-3))
    require(abs(dropped - DROP_RATE) <= 0.12, f"{what}: {dropped:.0%} of {len(units)} hidden units are dropped; "
            f"expected about {DROP_RATE:.0%} ± 12%. {context}", hint=hint)


for _builder in BUILDERS:

    def _forward(t, builder=_builder):
        forward_check(t, builder)

    def _dropout(t, builder=_builder):
        dropout_check(t, builder)

    def _rate(t, builder=_builder):
        dropout_rate_check(t, builder)

    suite.check(_builder, "forward_pass", points=2)(_forward)
    suite.check(_builder, "dropout_only_in_training", points=2)(_dropout)
    suite.check(_builder, "dropout_rate", points=1)(_rate)


@suite.check("MLPModel", "inference_by_default", points=1)
def mlp_inference_by_default(t):
    """model(x) without a training argument is inference (as in predict): no dropout, the forward pass."""
    sizes = [INPUT_DIM, *HIDDEN, CLASSES]
    call = builder_call("MLPModel", INPUT_DIM, HIDDEN, CLASSES, dropout_rate=0.5)
    model = make_model(t, "MLPModel", INPUT_DIM, HIDDEN, CLASSES, dropout_rate=0.5)
    x = normal32(t.rng, 6, INPUT_DIM)
    order = dense_weight_order(model, call, sizes, x)
    weights = mlp_weights(t.rng, sizes)
    set_in_order(model, order, weights)
    want = t.expect("out", lambda ref: reference_forward(ref, sizes, weights, x))
    assert_close(model(x), want, f"model(x) (no training argument) for model = {call} with given weights",
                 context=shapes(x=x), hint="call(self, inputs, training=None): None, the default, means inference "
                                           "unless Keras is training; pass training on to Dropout, never default it to True")


# ---- make_dataset --------------------------------------------------------------------------------


def sample_order(what, batches, x, y, labels=True):
    """The index in x of every sample the batches hold, in order (checking that y came along, if `labels`)."""
    xs = np.concatenate([xb for xb, _ in batches]) if batches else np.zeros((0, x.shape[1]))
    ys = np.concatenate([yb for _, yb in batches]) if batches else np.zeros(0)
    require(xs.ndim == 2 and xs.shape[1] == x.shape[1] and ys.shape == xs.shape[:1],
            f"{what}: the batches do not hold rows of x (shape {x.shape[1:]}) with one label each.")
    distance = np.abs(xs[:, None, :] - x[None, :, :].astype(np.float64)).max(axis=2)
    index = distance.argmin(axis=1)
    require(np.all(distance[np.arange(len(xs)), index] < 1e-6), f"{what}: the batches hold rows that are not in x.")
    wrong = np.flatnonzero(ys != y[index]) if labels else []
    require(len(wrong) == 0, f"{what}: {len(wrong)} samples come with the label of another sample.",
            hint="shuffle the pairs (x[i], y[i]) together: from_tensor_slices((x, y)).shuffle(...)")
    return index


@suite.check("make_dataset", "unshuffled_order", points=1)
def dataset_unshuffled_order(t):
    x, y = labelled_rows(t.rng, 23, 2)
    what = "make_dataset(x, y, batch_size=5, shuffle=False)"
    batches = batches_of(t, what, t.student.remote("make_dataset").keep(x, y, batch_size=5, shuffle=False).items(100))
    order = sample_order(what, batches, x, y)
    require(np.array_equal(order, np.arange(len(x))), f"{what} does not give the samples in their order "
            f"(got {len(order)} samples for {len(x)}).", hint="shuffle only when shuffle=True; keep every sample")


@suite.check("make_dataset", "each_sample_once_per_epoch", points=2)
def dataset_each_sample_once(t):
    x, y = labelled_rows(t.rng, 30, 2)
    what = "make_dataset(x, y, batch_size=8, seed=4)"
    dataset = t.student.remote("make_dataset").keep(x, y, batch_size=8, seed=4)
    for epoch in (1, 2):
        batches = batches_of(t, f"{what}, epoch {epoch}", dataset.items(100))
        batch_shapes_check(t, f"{what}, epoch {epoch}", batches, 30, 2, 8)
        order = sample_order(f"{what}, epoch {epoch}", batches, x, y)
        counts = np.bincount(order, minlength=len(x))
        require(np.all(counts == 1), f"{what}, epoch {epoch}: {int(np.sum(counts == 0))} samples missing and "
                f"{int(np.sum(counts > 1))} repeated; expected each of the {len(x)} samples exactly once.",
                hint="shuffle with a buffer of the whole data set (buffer_size=len(x)), then batch")


def first_epoch_order(t, what, x, y, **kwargs):
    batches = batches_of(t, what, t.student.remote("make_dataset").keep(x, y, **kwargs).items(100))
    return sample_order(what, batches, x, y, labels=False)


@suite.check("make_dataset", "same_seed_same_order", points=1)
def dataset_same_seed(t):
    x, y = labelled_rows(t.rng, 40, 3)
    what = "make_dataset(x, y, batch_size=8, seed=11)"
    first = first_epoch_order(t, what, x, y, batch_size=8, seed=11)
    second = first_epoch_order(t, "a second " + what, x, y, batch_size=8, seed=11)
    require(np.array_equal(first, second), f"two datasets made by {what} give the samples in different orders.",
            hint="pass the seed on: dataset.shuffle(buffer_size, seed=seed)")


@suite.check("make_dataset", "shuffles", points=1)
def dataset_shuffles(t):
    x, y = labelled_rows(t.rng, 40, 3)
    what = "make_dataset(x, y, batch_size=8, seed=2) (shuffle left at its default, True)"
    order = first_epoch_order(t, what, x, y, batch_size=8, seed=2)
    require(len(order) == len(x) and not np.array_equal(order, np.arange(len(x))),
            f"{what} gives the samples in their original order.", hint="shuffle=True: dataset.shuffle(len(x), seed=seed)")
    rows = np.sort(order.reshape(-1, 8), axis=1)
    blocks = np.all(rows == rows[:, :1] + np.arange(8)) and np.all(rows[:, 0] % 8 == 0)
    require(not blocks, f"{what}: every batch holds 8 samples that were already together in x: the batches are "
            "shuffled, not the samples.", hint="shuffle before batching: from_tensor_slices((x, y)).shuffle(...).batch(...)")


@suite.check("make_dataset", "reshuffles_each_epoch", points=1)
def dataset_reshuffles(t):
    x, y = labelled_rows(t.rng, 40, 3)
    what = "make_dataset(x, y, batch_size=8, seed=7)"
    dataset = t.student.remote("make_dataset").keep(x, y, batch_size=8, seed=7)
    orders = [sample_order(f"{what}, epoch {epoch}", batches_of(t, f"{what}, epoch {epoch}", dataset.items(100)), x, y)
              for epoch in (1, 2)]
    require(all(len(order) == len(x) for order in orders), f"{what} does not give every sample in both epochs.",
            hint="every sample once per epoch")
    require(not np.array_equal(*orders), f"{what} gives the samples in the same order in two epochs; expected a new "
            "order in every epoch.", hint="dataset.shuffle(len(x), seed=seed) reshuffles on every pass "
                                          "(reshuffle_each_iteration=True, its default); do not shuffle once with numpy")


@suite.check("make_dataset", "default_batch_size", points=1)
def dataset_default_batch_size(t):
    x, y = labelled_rows(t.rng, 70, 3)
    what = "make_dataset(x, y) (every argument left at its default)"
    batches = batches_of(t, what, t.student.remote("make_dataset").keep(x, y).items(100))
    batch_shapes_check(t, what, batches, 70, 3, 32)
    order = sample_order(what, batches, x, y)
    require(np.array_equal(np.sort(order), np.arange(len(x))), f"{what}: not every sample once.",
            hint="every sample once per epoch")


@suite.check("make_dataset", "images_and_one_hot_labels", points=1)
def dataset_images_one_hot(t):
    """x of any shape (N, ...) and y of any shape (N, ...): here images (N, 3, 2) and one-hot rows (N, 4)."""
    x = normal32(t.rng, 12, 3, 2)
    y = np.eye(4, dtype=F32)[t.rng.integers(0, 4, size=12)]
    what = "make_dataset(x, y, batch_size=5, shuffle=False)"
    batches = batches_of(t, what, t.student.remote("make_dataset").keep(x, y, batch_size=5, shuffle=False).items(100))
    got = [(xb.shape, yb.shape) for xb, yb in batches]
    want = [((n, 3, 2), (n, 4)) for n in (5, 5, 2)]
    require(got == want, f"{what} with x {x.shape} and one-hot y {y.shape} gives batches of shapes {got}; "
            f"expected {want}.", hint="from_tensor_slices((x, y)) keeps each sample's shape: do not flatten x or "
                                     "reshape y")
    context = shapes(x=x, y=y)
    assert_equal(np.concatenate([xb for xb, _ in batches]), x, f"the x batches of {what}", context=context)
    assert_equal(np.concatenate([yb for _, yb in batches]), y, f"the y batches of {what}", context=context)


# ---- train_step ----------------------------------------------------------------------------------


@suite.check("train_step", "returns_loss", points=1)
def train_step_returns_loss(t):
    weights, x, y, model, loss_fn = step_setup(t)
    optimizer = library(t, "keras.optimizers.SGD").keep(learning_rate=0.5)
    got = t.student.call("train_step", model, optimizer, loss_fn, x, y)
    losses, _ = t.expect("step", lambda ref: reference_training(ref, STEP_SIZES, STEP_ACTIVATIONS, weights, "SGD",
                                                                {"learning_rate": 0.5}, [(x, y)]))
    assert_close(got, losses[0], "train_step(model, SGD(learning_rate=0.5), SparseCategoricalCrossentropy(), x, y)",
                 context=shapes(x=x, y=y), hint="return the loss computed under the tape, before the update")


@suite.check("train_step", "adam_two_steps", points=2)
def train_step_adam(t):
    weights, x, y, model, loss_fn = step_setup(t, n=16)
    optimizer = library(t, "keras.optimizers.Adam").keep(learning_rate=0.05)
    optimizer.call("build", model.attr("trainable_variables"))  # its state exists before a @tf.function step
    batches = [(x[:8], y[:8]), (x[8:], y[8:])]
    for xb, yb in batches:
        t.student.call("train_step", model, optimizer, loss_fn, xb, yb)
    _, want = t.expect("steps", lambda ref: reference_training(ref, STEP_SIZES, STEP_ACTIVATIONS, weights, "Adam",
                                                               {"learning_rate": 0.05}, batches))
    assert_weights(model.call("get_weights"), want, weights, "the model after two train_step calls with "
                   "Adam(learning_rate=0.05)", hint="let the optimizer do the update, whatever it is: " + STEP_HINT)


@suite.check("train_step", "dropout_active", points=1)
def train_step_dropout(t):
    sizes, activations = [4, 16, 3], ["relu", "softmax"]
    weights = mlp_weights(t.rng, sizes)
    x, y = normal32(t.rng, 8, 4), t.rng.integers(0, 3, size=8).astype(np.int64)
    model = student_mlp(t, sizes, activations, dropout_after=0)
    model.call("set_weights", weights)
    optimizer = library(t, "keras.optimizers.SGD").keep(learning_rate=0.1)
    loss_fn = library(t, "keras.losses.SparseCategoricalCrossentropy").keep()
    got = float(as_array(t.student.call("train_step", model, optimizer, loss_fn, x, y), "train_step(...)", ()))
    inference = t.expect("loss", lambda ref: inference_loss(ref, sizes, activations, weights, x, y))
    require(abs(got - inference) > 1e-5, "train_step on a model with Dropout(0.5) returned the loss without dropout "
            f"({got:.6g}): the forward pass did not run in training mode.",
            hint="y_pred = model(x, training=True) inside the tape")


def inference_loss(ref, sizes, activations, weights, x, y):
    model = reference_mlp(ref, sizes, activations, dropout_after=0)
    model.set_weights(weights)
    return float(ref.keras.losses.SparseCategoricalCrossentropy()(y, model(x, training=False)))


# ---- fit_custom_loop -----------------------------------------------------------------------------

FIT_SIZES = [4, 8, 3]


def fit_setup(t, **problem):
    """A learnable problem (`problem`: learnable_problem's options), the student's MLP set to known
    weights, the data in batches of 16, SGD(learning_rate=0.3) and the loss, all on the student side."""
    x, y = learnable_problem(t.rng, **problem)
    weights = mlp_weights(t.rng, FIT_SIZES)
    model = student_mlp(t, FIT_SIZES, ["relu", "softmax"])
    model.call("set_weights", weights)
    dataset = library(t, "tf.data.Dataset.from_tensor_slices").keep((x, y)).attr("batch").keep(16)
    optimizer = library(t, "keras.optimizers.SGD").keep(learning_rate=0.3)
    loss_fn = library(t, "keras.losses.SparseCategoricalCrossentropy").keep()
    return x, y, weights, model, dataset, optimizer, loss_fn


@suite.check("fit_custom_loop", "one_loss_per_epoch", points=1)
def fit_one_loss_per_epoch(t):
    for epochs in (3, None):
        _, _, _, model, dataset, optimizer, loss_fn = fit_setup(t)
        kwargs = {} if epochs is None else {"epochs": epochs}
        what = f"fit_custom_loop(model, dataset, optimizer, loss_fn{', epochs=3' if epochs else ''})"
        losses = t.student.call("fit_custom_loop", model, dataset, optimizer, loss_fn, **kwargs)
        count = epochs or 1
        require(isinstance(losses, list) and len(losses) == count,
                f"{what} returned {len(losses) if isinstance(losses, list) else type(losses).__name__} "
                f"{'losses' if isinstance(losses, list) else ''}; expected a list of {count}.",
                hint="one mean loss per epoch, epochs=1 by default")
        as_array(losses, what, (count,), hint="each entry a number: float(mean loss of the epoch)")


@suite.check("fit_custom_loop", "epoch_mean_losses", points=2)
def fit_epoch_mean_losses(t):
    x, y, weights, model, dataset, optimizer, loss_fn = fit_setup(t)
    what = "fit_custom_loop(model, dataset, SGD(learning_rate=0.3), SparseCategoricalCrossentropy(), epochs=3)"
    got = t.student.call("fit_custom_loop", model, dataset, optimizer, loss_fn, epochs=3)
    # 64 samples in batches of 16: the mean over batches and the mean over samples agree.
    want, _ = t.expect("losses", lambda ref: reference_training(ref, FIT_SIZES, ["relu", "softmax"], weights, "SGD",
                                                                {"learning_rate": 0.3}, (x, y), epochs=3))
    assert_close(got, want, what, context="Dataset: 64 samples in 4 batches of 16, not shuffled.",
                 hint="each epoch: one train_step per batch, then the mean of that epoch's batch losses")


@suite.check("fit_custom_loop", "unequal_batches", points=1)
def fit_unequal_batches(t):
    """40 samples in batches of 16, 16 and 8: an epoch's mean loss weights each batch by its size."""
    x, y, weights, model, dataset, optimizer, loss_fn = fit_setup(t, n=40)
    what = "fit_custom_loop(model, dataset, SGD(learning_rate=0.3), SparseCategoricalCrossentropy(), epochs=2)"
    got = t.student.call("fit_custom_loop", model, dataset, optimizer, loss_fn, epochs=2)
    want, _ = t.expect("losses", lambda ref: reference_training(ref, FIT_SIZES, ["relu", "softmax"], weights, "SGD",
                                                                {"learning_rate": 0.3}, (x, y), epochs=2))
    assert_close(got, want, what, context="Dataset: 40 samples in batches of 16, 16 and 8, not shuffled.",
                 hint="the epoch's mean over samples: sum(batch loss * batch size) / number of samples, as model.fit "
                      "reports it (a plain mean of the batch losses gives the small last batch too much weight)")


# ---- write_tfrecord and read_tfrecord -------------------------------------------------------------


@suite.check("read_tfrecord", "feature_shapes", points=2)
def tfrecord_feature_shapes(t):
    for i, feature_shape in enumerate(((7,), (2, 3, 4), (8, 8, 1))):
        round_trip_check(t, feature_shape, 6, 3, f"shape{i}")


@suite.check("read_tfrecord", "last_batch_smaller", points=1)
def tfrecord_last_batch_smaller(t):
    round_trip_check(t, (4, 2), 11, 4, "last_batch")


@suite.check("read_tfrecord", "default_batch_size", points=1)
def tfrecord_default_batch_size(t):
    round_trip_check(t, (3,), 40, None, "default_batch")  # batches of 32 and 8


# ---- build_augmenter and make_augmented_dataset -----------------------------------------------------


@suite.check("build_augmenter", "random_image_layers", points=1)
def augmenter_layers(t):
    config = t.student.new("build_augmenter", seed=0).call("get_config")
    layers = config.get("layers") if isinstance(config, dict) else None
    require(isinstance(layers, list), "build_augmenter(seed=0).get_config() has no list of layers.",
            hint="return keras.Sequential([...the random layers...])")
    names = [layer.get("class_name") for layer in layers if isinstance(layer, dict)]
    missing = [n for n in ("RandomTranslation", "RandomRotation", "RandomZoom") if n not in names]
    require(not missing, f"build_augmenter() has the layers {names}; {', '.join(missing)} missing.",
            hint="keras.Sequential([RandomTranslation(...), RandomRotation(...), RandomZoom(...)])")
    require("RandomFlip" not in names, f"build_augmenter() has the layers {names}, with RandomFlip: a mirrored "
            "digit is another drawing, or no digit at all.", hint="leave RandomFlip out")


@suite.check("build_augmenter", "without_seed", points=1)
def augmenter_without_seed(t):
    """seed=None, the default: random changes in training, the images themselves at inference."""
    x = aug_images(t.rng, 8)
    augmenter = t.student.new("build_augmenter")
    got = augmenter_output(t, augmenter, x, "build_augmenter()(x, training=True)", training=True)
    changed = np.abs(got - x).reshape(len(x), -1).max(axis=1) > 1e-3
    require(changed.sum() >= 6, f"build_augmenter()(x, training=True) changed only {int(changed.sum())} of {len(x)} "
            "images.", hint="with seed=None every random layer gets seed=None: no fixed changes, but still changes")
    same = augmenter_output(t, augmenter, x, "build_augmenter()(x, training=False)", training=False)
    assert_equal(same, x, "build_augmenter()(x, training=False)", context=shapes(x=x),
                 hint="random layers act only in training")


@suite.check("make_augmented_dataset", "defaults", points=1)
def augmented_dataset_defaults(t):
    """make_augmented_dataset(x, y): batches of 32, seed None; every image once, with its label, changed."""
    n = 40
    x, values = plateau_images(t.rng, n)
    y = t.rng.integers(0, 10**6, size=n).astype(np.int64)
    what = "make_augmented_dataset(x, y) (batch_size and seed left at their defaults)"
    batches = augmented_batches(t, t.student.remote("make_augmented_dataset").keep(x, y), what, n, 32)
    images = np.concatenate([xb for xb, _ in batches])
    index = identify_images(what, images, values)
    require(np.array_equal(np.sort(index), np.arange(n)), f"{what}: not every image once.",
            hint="every sample once per epoch")
    wrong = int(np.sum(np.concatenate([yb for _, yb in batches]) != y[index]))
    require(wrong == 0, f"{what}: {wrong} of {n} images come with the label of another image.",
            hint="augment only the images: map(lambda images, labels: (augmenter(images, training=True), labels))")
    changed = np.abs(images - x[index]).reshape(n, -1).max(axis=1) > 1e-3
    require(changed.sum() >= n * 3 // 4, f"{what}: only {int(changed.sum())} of {n} images are changed.",
            hint="build_augmenter(seed) with seed=None still changes the images in training")


@suite.check("make_augmented_dataset", "augments_each_epoch", points=2)
def augmented_dataset_each_epoch(t):
    n = 16
    x, values = plateau_images(t.rng, n)
    y = np.arange(n, dtype=np.int64)
    what = "make_augmented_dataset(x, y, batch_size=8, seed=6)"
    dataset = t.student.remote("make_augmented_dataset").keep(x, y, batch_size=8, seed=6)
    epochs = []
    for epoch in (1, 2):
        batches = augmented_batches(t, dataset, f"{what}, epoch {epoch}", n, 8)
        images = np.concatenate([xb for xb, _ in batches])
        index = identify_images(f"{what}, epoch {epoch}", images, values)
        require(np.array_equal(np.sort(index), np.arange(n)), f"{what}, epoch {epoch}: not every image once.",
                hint="every sample once per epoch")
        epochs.append(images[np.argsort(index)])
    first, second = epochs
    changed = np.abs(first - x).reshape(n, -1).max(axis=1) > 1e-3
    require(changed.sum() >= n * 3 // 4, f"{what}: only {int(changed.sum())} of {n} images are changed in the first "
            "epoch.", hint="map(lambda images, labels: (augmenter(images, training=True), labels)) on the dataset")
    anew = np.abs(first - second).reshape(n, -1).max(axis=1) > 1e-3
    require(anew.sum() >= n * 3 // 4, f"{what}: {n - int(anew.sum())} of {n} images are augmented the same way in "
            "both epochs; expected new random changes in every epoch.",
            hint="augment inside the pipeline, dataset.map(..., num_parallel_calls=tf.data.AUTOTUNE), not once on "
                 "the arrays before building the dataset")


# ---- KerasStepDecay ---------------------------------------------------------------------------------


@suite.check("KerasStepDecay", "other_arguments", points=1)
def step_decay_other_arguments(t):
    step_decay_values(t, (0.05,), {"drop": 0.3, "steps_per_drop": 1}, (0, 1, 2, 5, 9), "every_step")
    step_decay_values(t, (2.0,), {"drop": 0.9, "steps_per_drop": 7}, (0, 6, 7, 13, 14, 699, 700, 10**5), "slow")


@suite.check("KerasStepDecay", "get_config_round_trip", points=1)
def step_decay_config(t):
    schedule = t.student.new("KerasStepDecay", 0.3, drop=0.25, steps_per_drop=3)
    what = "KerasStepDecay(0.3, drop=0.25, steps_per_drop=3).get_config()"
    config = schedule.call("get_config")
    want = {"initial_lr": 0.3, "drop": 0.25, "steps_per_drop": 3}
    hint = "return {'initial_lr': ..., 'drop': ..., 'steps_per_drop': ...}, the constructor's arguments"
    require(isinstance(config, dict), f"{what} returned {type(config).__name__}; expected a dict.", hint=hint)
    for key, value in want.items():
        got = config.get(key)
        require(isinstance(got, (int, float, np.number)) and not isinstance(got, bool) and abs(float(got) - value) < 1e-9,
                f"{what} has {key} = {got!r}; expected {value!r}.", hint=hint)
    clone = t.student.remote("KerasStepDecay.from_config").keep(config)
    steps = (0, 2, 3, 8, 9, 30)
    got = [as_array(clone(step), f"KerasStepDecay.from_config(config)({step})", ()) for step in steps]
    want_values = t.expect("values", lambda ref: [float(ref.KerasStepDecay(0.3, drop=0.25, steps_per_drop=3)(s))
                                                   for s in steps])
    assert_close(np.array(got), want_values, f"KerasStepDecay.from_config({what})(step) for step in {list(steps)}",
                 hint="from_config(config) calls KerasStepDecay(**config): the config must hold every argument")
