"""Hidden checks for ch08_keras: initializers, serialization, more deltas, model details, for grading only.

Nothing here assumes a random value: initial weights are judged by bounds and statistics with
wide margins, dropout by "inference is deterministic, training is not", shuffles by "each sample
once, same seed gives the same order" (never by one particular order).
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_equal, require, shapes
from autograder.engine.student import StudentError
from autograder.suites.public.ch08_keras import (
    BUILDERS, CLASSES, HIDDEN, builder_call, INPUT_DIM, STEP_ACTIVATIONS, STEP_HINT, STEP_SIZES, assert_weights,
    assign_dense, batch_shapes_check, batches_of, dense_layer, huber_inputs, keras_huber, labelled_rows,
    learnable_problem, library, make_model, mlp_weights, model_output, normal32, probabilities_check, reference_dense_stack,
    reference_mlp, reference_training, step_setup, student_mlp, augmented_batches, identify_images,
    plateau_images, round_trip_check, step_decay_values,
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


def forward_check(t, builder):
    sizes = [INPUT_DIM, *HIDDEN, CLASSES]
    model = make_model(t, builder, INPUT_DIM, HIDDEN, CLASSES)
    x = normal32(t.rng, 6, INPUT_DIM)
    model(x)  # builds a subclassed model
    current = model.call("get_weights")
    what = builder_call(builder, INPUT_DIM, HIDDEN, CLASSES)
    order = weight_order(current, sizes) if isinstance(current, list) else None
    require(order is not None, f"{what} does not have exactly the kernels and biases of Dense layers of sizes "
            f"{' -> '.join(map(str, sizes))} (weights of shapes {[np.shape(w) for w in current] if isinstance(current, list) else '?'}).",
            hint="one Dense per hidden width, in order, then the output Dense; no other weights")
    weights = mlp_weights(t.rng, sizes)
    placed = [None] * len(weights)
    for position, array in zip(order, weights):
        placed[position] = array
    model.call("set_weights", placed)
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


for _builder in BUILDERS:

    def _forward(t, builder=_builder):
        forward_check(t, builder)

    def _dropout(t, builder=_builder):
        dropout_check(t, builder)

    suite.check(_builder, "forward_pass", points=2)(_forward)
    suite.check(_builder, "dropout_only_in_training", points=2)(_dropout)


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


def fit_setup(t):
    x, y = learnable_problem(t.rng)
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


# ---- write_tfrecord and read_tfrecord -------------------------------------------------------------


@suite.check("read_tfrecord", "feature_shapes", points=2)
def tfrecord_feature_shapes(t):
    for i, feature_shape in enumerate(((7,), (2, 3, 4), (8, 8, 1))):
        round_trip_check(t, feature_shape, 6, 3, f"shape{i}")


@suite.check("read_tfrecord", "last_batch_smaller", points=1)
def tfrecord_last_batch_smaller(t):
    round_trip_check(t, (4, 2), 11, 4, "last_batch")


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
