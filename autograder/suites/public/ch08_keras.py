"""Public checks for ch08_keras: shipped to students, run by their self-check and by grading.

TensorFlow takes 5-7 s to import, hence the chapter's longer per-call limit. Keras computes in
float32, so inputs are float32 and the default margins (rtol 1e-4) apply. Models that a check needs
besides the student's own are built on the student side from plain Keras layers
(`student_mlp`), with weights the check sets, so no expected value depends on random initial
weights; the expected values come from the reference running the same Keras code.
"""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import fail, as_array, assert_close, assert_equal, require, shapes
from autograder.engine.gradcheck import numerical_gradient
from autograder.engine.protocol import Probe
from autograder.engine.student import Remote, StudentError

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


def library(t, name):
    """A TensorFlow or Keras name on the student side ("keras.layers.Dense", "tf.io.gfile.remove"), taken
    from the installed library by the worker (`probes.library`), not from the submission's module: a
    module written from SPEC may import TensorFlow under another name, or Keras only as tf.keras."""
    root, *path = name.split(".")
    module = t.student.put(Probe("library", ({"tf": "tensorflow"}.get(root, root),)))
    return Remote(t.student, module.handle, [["attr", part] for part in path], name)



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
    model = library(t, "keras.Sequential").keep()
    model.call("add", library(t, "keras.Input").keep(shape=(sizes[0],)))
    for i, (units, activation) in enumerate(zip(sizes[1:], activations)):
        model.call("add", library(t, "keras.layers.Dense").keep(units, activation=activation))
        if i == dropout_after:
            model.call("add", library(t, "keras.layers.Dropout").keep(rate))
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
    tape_gradient = t.student.put(Probe("tape_gradient"))
    tape_gradient.label = f"tf.GradientTape over huber_loss(y_true, y_pred, delta={delta})"
    got = tape_gradient(t.student.remote("huber_loss"), y_true, y_pred, delta=delta)
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
    loss_fn = library(t, "keras.losses.SparseCategoricalCrossentropy").keep()
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
    optimizer = library(t, "keras.optimizers.SGD").keep(learning_rate=0.5)
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
    dataset = library(t, "tf.data.Dataset.from_tensor_slices").keep((x, y)).attr("batch").keep(16)
    optimizer = library(t, "keras.optimizers.SGD").keep(learning_rate=0.3)
    loss_fn = library(t, "keras.losses.SparseCategoricalCrossentropy").keep()
    what = "fit_custom_loop(model, dataset, SGD(learning_rate=0.3), SparseCategoricalCrossentropy(), epochs=5)"
    losses = t.student.call("fit_custom_loop", model, dataset, optimizer, loss_fn, epochs=5)
    require(isinstance(losses, list), f"{what} returned {type(losses).__name__}; expected a list of 5 floats.",
            hint="append each epoch's mean loss to a list and return it")
    losses = as_array(losses, what, (5,), hint="one mean loss per epoch")
    require(np.all(np.isfinite(losses)) and losses[-1] < 0.85 * losses[0],
            f"{what} on a learnable problem: the epoch losses do not decrease ({', '.join(f'{v:.4g}' for v in losses)}).",
            hint="every batch of every epoch needs one train_step, which must update the weights")


# ---- write_tfrecord and read_tfrecord -------------------------------------------------------------
# The file goes to the student process's working folder (a relative path): in the sandbox it is the
# only folder that process may write. Each check removes its file again.


def record_rows(rng, n, feature_shape):
    """n float32 samples of `feature_shape` (distinct values) and int labels from a wide range."""
    return normal32(rng, n, *feature_shape), rng.integers(-1000, 10**6, size=n).astype(np.int64)


def remove_student_file(t, path):
    try:
        library(t, "tf.io.gfile.remove")(path)
    except StudentError:
        pass  # nothing was written


def write_records(t, path, x, y, check_count=False):
    """write_tfrecord(path, x, y) on the student side; with `check_count`, fails unless it returns len(x)."""
    what = f"write_tfrecord(path, x, y) with x of shape {x.shape}"
    count = t.student.call("write_tfrecord", path, x, y)
    if not check_count:
        return
    require(count is not None, f"{what} returned None; expected the number of records written, {len(x)}.",
            hint="return len(x) (one record per sample)")
    got = as_array(count, what, ())
    require(got == len(x), f"{what} returned {got:g}; expected the number of records written, {len(x)}.",
            hint="one tf.train.Example per sample: return how many were written")


def with_hint(error, what, hint):
    """A student error during `what` as a failure with a hint; a stub's NotImplementedError stays as it is."""
    if error.not_implemented:
        raise error
    fail(f"{what}: {error.describe()}", hint)


def serialized_records(t, path):
    """The records of the file at `path` (up to 1000), as one string tensor kept on the student side."""
    return library(t, "tf.data.TFRecordDataset").keep(path).attr("batch").keep(1000).attr(
        "get_single_element").keep()


def read_records(t, path, feature_shape, batch_size):
    """The batches of read_tfrecord(path, feature_shape, batch_size=...) as raw (x, y) arrays (dtypes kept);
    batch_size None leaves the argument out (its default, 32)."""
    kwargs = {} if batch_size is None else {"batch_size": batch_size}
    what = f"read_tfrecord(path, {tuple(feature_shape)}{'' if batch_size is None else f', batch_size={batch_size}'})"
    dataset = t.student.remote("read_tfrecord").keep(path, tuple(feature_shape), **kwargs)
    try:
        items = dataset.items(1000)
    except StudentError as error:
        with_hint(error, f"reading the batches of {what}",
                  hint="parse 'x' as FixedLenFeature([number of values of one sample], tf.float32), then "
                       "tf.reshape(x, feature_shape) for any number of axes")
    batches = []
    for i, item in enumerate(items):
        require(isinstance(item, tuple) and len(item) == 2 and all(isinstance(a, np.ndarray) for a in item),
                f"{what}: batch {i} is not a pair of arrays (x_batch, y_batch).",
                hint="map each record to (tf.reshape(example['x'], feature_shape), example['y']), then batch")
        batches.append(item)
    return what, batches


def round_trip_check(t, feature_shape, n, batch_size, name):
    """Write n samples of `feature_shape`, read them back in batches: the same arrays, in file order.
    batch_size None reads with read_tfrecord's default batch size (SPEC: 32)."""
    x, y = record_rows(t.rng, n, feature_shape)
    path = f"ch08_check_{name}.tfrecord"
    try:
        write_records(t, path, x, y)
        what, batches = read_records(t, path, feature_shape, batch_size)
    finally:
        remove_student_file(t, path)
    batch_size = batch_size or 32
    sizes = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    got_sizes = [len(xb) for xb, _ in batches]
    require(got_sizes == sizes, f"{what} gave batches of {got_sizes} samples for {n} records; expected {sizes}.",
            hint="batch(batch_size) after parsing, keeping the smaller last batch (no drop_remainder)")
    for i, (xb, yb) in enumerate(batches):
        require(xb.shape == (len(xb), *feature_shape) and yb.shape == (len(xb),),
                f"{what}: batch {i} has shapes x {xb.shape}, y {yb.shape}; expected "
                f"{(len(xb), *feature_shape)} and {(len(xb),)}.",
                hint="tf.reshape(example['x'], feature_shape); 'y' is a scalar feature: FixedLenFeature([], tf.int64)")
    context = f"Written: x {x.shape}, y {y.shape}, read in batches of {batch_size}."
    hint = "the same arrays come back in file order: no shuffle, float32 values stored as a float_list"
    assert_equal(np.concatenate([xb for xb, _ in batches]), x, f"the x read back by {what}", context=context, hint=hint)
    assert_equal(np.concatenate([yb for _, yb in batches]), y, f"the y read back by {what}", context=context, hint=hint)
    return batches, what


@suite.check("write_tfrecord", "returns_count", points=1)
def tfrecord_returns_count(t):
    x, y = record_rows(t.rng, 9, (3,))
    path = "ch08_check_count.tfrecord"
    try:
        write_records(t, path, x, y, check_count=True)
        found = int(as_array(library(t, "tf.size")(serialized_records(t, path)), "the number of records", ()))
    finally:
        remove_student_file(t, path)
    require(found == len(x), f"write_tfrecord(path, x, y) returned {len(x)}, but the file holds {found} records.",
            hint="write one tf.train.Example per sample: writer.write(example.SerializeToString()) in the loop")


@suite.check("write_tfrecord", "example_format", points=2)
def tfrecord_example_format(t):
    """The file, parsed by TensorFlow's own functions (no student code): one Example per sample,
    "x" the flattened sample as a float list, "y" one int64."""
    x, y = record_rows(t.rng, 7, (2, 3))
    path = "ch08_check_format.tfrecord"
    try:
        write_records(t, path, x, y)
        serialized = serialized_records(t, path)
        spec = {"x": library(t, "tf.io.FixedLenFeature").keep([6], library(t, "tf.float32")).as_handle(),
                "y": library(t, "tf.io.FixedLenFeature").keep([], library(t, "tf.int64")).as_handle()}
        what = "the file written by write_tfrecord(path, x, y), parsed with tf.io.parse_example"
        try:
            parsed = library(t, "tf.io.parse_example")(serialized, spec)
        except StudentError as error:
            with_hint(error, what, hint="one tf.train.Example per sample, features 'x': Feature(float_list=...) "
                                        "of the flattened sample and 'y': Feature(int64_list=Int64List(value=[label]))")
    finally:
        remove_student_file(t, path)
    require(isinstance(parsed, dict) and {"x", "y"} <= parsed.keys(), f"{what} has no features 'x' and 'y'.")
    context = f"x {x.shape}, y {y.shape}; features x: FixedLenFeature([6], tf.float32), y: FixedLenFeature([], tf.int64)."
    hint = ("one tf.train.Example per sample, features 'x': Feature(float_list=FloatList(value=sample.ravel())) "
            "and 'y': Feature(int64_list=Int64List(value=[label]))")
    assert_equal(as_array(parsed["x"], f"{what}: feature 'x'", (7, 6), hint=hint), x.reshape(7, 6),
                 f"{what}: feature 'x'", context=context, hint=hint)
    assert_equal(as_array(parsed["y"], f"{what}: feature 'y'", (7,), hint=hint), y, f"{what}: feature 'y'",
                 context=context, hint=hint)


@suite.check("read_tfrecord", "round_trip", points=2)
def tfrecord_round_trip(t):
    round_trip_check(t, (3, 4), 12, 4, "round_trip")


@suite.check("read_tfrecord", "dtypes", points=1)
def tfrecord_dtypes(t):
    batches, what = round_trip_check(t, (2, 5), 6, 3, "dtypes")
    got = sorted({(str(xb.dtype), str(yb.dtype)) for xb, yb in batches})
    require(got == [("float32", "int64")], f"{what} gives x and y of dtypes {got}; expected float32 and int64.",
            hint="parse 'x' as FixedLenFeature([size], tf.float32) and 'y' as FixedLenFeature([], tf.int64), no cast")


# ---- build_augmenter and make_augmented_dataset -----------------------------------------------------

AUG_SIZE = 16  # images (N, 16, 16, 1)


def aug_images(rng, n, channels=1):
    """n float32 images in [0, 1), smooth enough that a shift or rotation changes them visibly."""
    coarse = rng.uniform(size=(n, AUG_SIZE // 4, AUG_SIZE // 4, channels))
    return np.repeat(np.repeat(coarse, 4, axis=1), 4, axis=2).astype(F32)


def plateau_images(rng, n):
    """Image i is v[i] times a pattern that is 1 on the central 8x8 block and below 0.5 around it:
    augmentation keeps the centre, so max(image) = v[i] tells which sample an augmented image is."""
    pattern = rng.uniform(0.0, 0.5, size=(AUG_SIZE, AUG_SIZE))
    pattern[4:12, 4:12] = 1.0
    values = 0.2 + 0.7 * (rng.permutation(n) + 0.5) / n  # distinct, at least 0.7/n apart
    return (values[:, None, None, None] * pattern[None, :, :, None]).astype(F32), values


def identify_images(what, images, values):
    """The sample index of each augmented image, found by its maximum."""
    peaks = images.reshape(len(images), -1).max(axis=1)
    index = np.abs(peaks[:, None] - values[None, :]).argmin(axis=1)
    worst = float(np.abs(peaks - values[index]).max()) if len(images) else 0.0
    require(worst < 0.1 / len(values), f"{what}: an image's maximum ({worst:.3g} from every original's) matches no "
            "image of x: the images are not x's images, shifted, rotated or zoomed.",
            hint="augment only with RandomTranslation, RandomRotation and RandomZoom; keep the pixel values")
    return index


def augmenter_output(t, augmenter, x, what, training):
    got = as_array(augmenter(x, training=training), what, hint="an augmenter keeps the shape (N, H, W, C)")
    require(got.shape == x.shape, f"{what} has shape {got.shape}; expected the images' shape {x.shape}.",
            hint="RandomTranslation, RandomRotation and RandomZoom keep the image size")
    return got


@suite.check("build_augmenter", "inference_identity", points=1)
def augmenter_inference_identity(t):
    x = normal32(t.rng, 4, AUG_SIZE, AUG_SIZE, 1)  # values outside [0, 1] too
    what = "build_augmenter(seed=1)(x, training=False)"
    got = augmenter_output(t, t.student.new("build_augmenter", seed=1), x, what, training=False)
    assert_equal(got, x, what, context=shapes(x=x), hint="random layers act only in training: with "
                 "training=False the images come back unchanged (do not force training=True yourself)")


@suite.check("build_augmenter", "changes_images_in_training", points=2)
def augmenter_changes_images(t):
    x = aug_images(t.rng, 8)
    what = "build_augmenter(seed=2)(x, training=True)"
    got = augmenter_output(t, t.student.new("build_augmenter", seed=2), x, what, training=True)
    changed = np.abs(got - x).reshape(len(x), -1).max(axis=1) > 1e-3
    require(changed.sum() >= 6, f"{what} changed only {int(changed.sum())} of {len(x)} images; expected every image "
            "shifted, rotated or zoomed a little.", hint="RandomTranslation, RandomRotation and RandomZoom with "
                                                           "factors above 0 (e.g. 0.1, 0.05, 0.1)")


@suite.check("build_augmenter", "same_seed_same_images", points=1)
def augmenter_same_seed(t):
    x = aug_images(t.rng, 6)
    first = augmenter_output(t, t.student.new("build_augmenter", seed=5), x, "build_augmenter(seed=5)(x, training=True)",
                             training=True)
    second = augmenter_output(t, t.student.new("build_augmenter", seed=5), x,
                              "a second build_augmenter(seed=5)(x, training=True)", training=True)
    require(np.abs(first - x).max() > 1e-3, "build_augmenter(seed=5)(x, training=True) returned the images unchanged.",
            hint="RandomTranslation, RandomRotation and RandomZoom with factors above 0")
    require(np.array_equal(first, second), "two augmenters made by build_augmenter(seed=5) change the same images "
            "differently.", hint="pass the seed on to every random layer (seed=seed, or seed + 1, ... per layer)")


def augmented_batches(t, dataset, what, n, batch_size):
    """The (x, y) batches of one epoch of a student dataset, with the batch sizes checked."""
    batches = batches_of(t, what, dataset.items(1000))
    sizes = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    got = [len(xb) for xb, _ in batches]
    require(got == sizes, f"{what} gave batches of {got} samples for {n}; expected {sizes}.",
            hint="batch(batch_size), keeping the smaller last batch")
    for i, (xb, yb) in enumerate(batches):
        require(xb.shape == (len(xb), AUG_SIZE, AUG_SIZE, 1) and yb.shape == (len(xb),),
                f"{what}: batch {i} has shapes x {xb.shape}, y {yb.shape}; expected "
                f"{(len(xb), AUG_SIZE, AUG_SIZE, 1)} and {(len(xb),)}.", hint="augmentation keeps the image shape")
    return batches


@suite.check("make_augmented_dataset", "batches", points=1)
def augmented_dataset_batches(t):
    x, _ = plateau_images(t.rng, 20)
    y = t.rng.integers(0, 10, size=20).astype(np.int64)
    what = "make_augmented_dataset(x, y, batch_size=8, seed=3)"
    augmented_batches(t, t.student.remote("make_augmented_dataset").keep(x, y, batch_size=8, seed=3), what, 20, 8)


@suite.check("make_augmented_dataset", "labels_with_their_images", points=2)
def augmented_dataset_labels(t):
    n = 24
    x, values = plateau_images(t.rng, n)
    y = t.rng.integers(0, 10**6, size=n).astype(np.int64)
    what = "make_augmented_dataset(x, y, batch_size=10, seed=4)"
    batches = augmented_batches(t, t.student.remote("make_augmented_dataset").keep(x, y, batch_size=10, seed=4),
                                what, n, 10)
    index = identify_images(what, np.concatenate([xb for xb, _ in batches]), values)
    counts = np.bincount(index, minlength=n)
    require(np.all(counts == 1), f"{what}: {int(np.sum(counts == 0))} images missing and {int(np.sum(counts > 1))} "
            f"repeated; expected each of the {n} images once.", hint="every sample once per epoch")
    labels = np.concatenate([yb for _, yb in batches])
    wrong = int(np.sum(labels != y[index]))
    require(wrong == 0, f"{what}: {wrong} of {n} images come with the label of another image.",
            hint="augment only the images, inside the pipeline: map(lambda images, labels: (augmenter(images, "
                 "training=True), labels)); shuffle (if at all) the pairs together")


# ---- KerasStepDecay ---------------------------------------------------------------------------------


def step_decay_values(t, args, kwargs, steps, label):
    """schedule(step) for each step, on the student side, against the reference's KerasStepDecay."""
    call = f"KerasStepDecay({', '.join([repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()])})"
    schedule = t.student.new("KerasStepDecay", *args, **kwargs)
    got = [as_array(schedule(int(step)), f"{call}({step})", (),
                    hint="return the learning rate as a scalar (a float or a scalar tensor)") for step in steps]
    want = t.expect(label, lambda ref: [float(ref.KerasStepDecay(*args, **kwargs)(int(step))) for step in steps])
    assert_close(np.array(got), want, f"{call}(step) for step in {list(steps)}",
                 atol=1e-6 * max(abs(float(w)) for w in want),
                 hint="initial_lr * drop ** (step // steps_per_drop): the floor of the division, as chapter 5's StepDecay")


@suite.check("KerasStepDecay", "values", points=2)
def step_decay_values_check(t):
    step_decay_values(t, (0.1,), {"steps_per_drop": 4}, range(0, 14), "four")
    step_decay_values(t, (0.2,), {}, (0, 1, 9, 10, 11, 19, 20, 35), "defaults")


FIT_LR_SIZES = [4, 6, 3]


def reference_schedule_fit(ref, weights, x, y, args, kwargs, epochs, batch_size):
    """The reference schedule driving SGD in model.fit: the learning rates logged and the final weights."""
    model = reference_mlp(ref, FIT_LR_SIZES, ["relu", "softmax"])
    model.set_weights(weights)
    model.compile(optimizer=ref.keras.optimizers.SGD(learning_rate=ref.KerasStepDecay(*args, **kwargs)),
                  loss="sparse_categorical_crossentropy", jit_compile=False)
    logger = ref.keras.callbacks.ReduceLROnPlateau(monitor="loss", patience=10**9)
    history = model.fit(x, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0, callbacks=[logger])
    return [float(v) for v in history.history["learning_rate"]], model.get_weights()


@suite.check("KerasStepDecay", "in_keras_fit", points=2)
def step_decay_in_fit(t):
    """SGD(learning_rate=KerasStepDecay(...)) in model.fit on the student side. ReduceLROnPlateau with
    an endless patience never changes the rate; it writes optimizer.learning_rate into each epoch's logs."""
    x, y = learnable_problem(t.rng, n=24, d=4, classes=3)
    weights = mlp_weights(t.rng, FIT_LR_SIZES)
    args, kwargs, epochs, batch_size = (0.4,), {"drop": 0.5, "steps_per_drop": 4}, 4, 8  # 3 steps per epoch
    model = student_mlp(t, FIT_LR_SIZES, ["relu", "softmax"])
    model.call("set_weights", weights)
    optimizer = library(t, "keras.optimizers.SGD").keep(learning_rate=t.student.new("KerasStepDecay", *args, **kwargs))
    model.call("compile", optimizer=optimizer, loss="sparse_categorical_crossentropy", jit_compile=False)
    logger = library(t, "keras.callbacks.ReduceLROnPlateau").keep(monitor="loss", patience=10**9)
    what = "model.fit with keras.optimizers.SGD(learning_rate=KerasStepDecay(0.4, drop=0.5, steps_per_drop=4))"
    hint = ("__call__(step) gets the optimizer's iterations, an int64 tensor, inside a compiled graph: compute with "
            "TensorFlow operations (tf.cast(step, tf.int64) // steps_per_drop, tf.pow), never int(step) or math.floor")
    try:
        history = model.attr("fit").keep(x, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0,
                                         callbacks=[logger.as_handle()]).get("history")
    except StudentError as error:
        with_hint(error, what, hint)
    want_rates, want_weights = t.expect("fit", lambda ref: reference_schedule_fit(ref, weights, x, y, args, kwargs,
                                                                                   epochs, batch_size))
    context = f"{len(x)} samples in batches of {batch_size}, {epochs} epochs: 3 updates per epoch."
    rates = history.get("learning_rate") if isinstance(history, dict) else None
    require(rates is not None, f"{what}: the callback found no learning rate.", hint=hint)
    assert_close(as_array(rates, f"{what}: the learning rate after each epoch", (epochs,)), want_rates,
                 f"{what}: optimizer.learning_rate after each epoch (read by a callback)", context=context, hint=hint)
    assert_weights(model.call("get_weights"), want_weights, weights, f"{what}: the model after fit",
                   hint="the optimizer uses schedule(iterations) at every update: " + hint)
