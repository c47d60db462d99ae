"""Chapter 8: the same ideas in TensorFlow/Keras."""

# %% [markdown]
# # Chapter 8 — The same ideas in TensorFlow/Keras
#
# Chapters 1–7 built every piece of a network by hand in numpy: layers with `forward` and
# `backward`, losses, optimizers, mini-batches. A deep-learning library gives you the same pieces,
# ready-made and fast, and computes every backward pass for you.
#
# | by hand (chapters 4–7) | TensorFlow / Keras |
# |---|---|
# | a layer class with `forward` / `backward` | a `keras.layers.Layer` with `build` / `call`; the backward pass is automatic |
# | `backward(dout)` and numerical gradients | `tf.GradientTape` records the forward pass and differentiates it |
# | `params` dict + `SGD.update(params, grads)` | `model.trainable_variables` + `optimizer.apply_gradients(...)` |
# | shuffling indices and slicing mini-batches | `tf.data.Dataset`: `shuffle`, `batch`, `prefetch` |
# | the training loop | `model.fit(...)`, or your own loop around a `train_step` |
# | arrays in memory | TFRecord files of `tf.train.Example` records, read by `tf.data.TFRecordDataset` |
# | `StepDecay(step)` called by our optimizer (chapter 5) | a `LearningRateSchedule` called by a Keras optimizer |
#
# In this chapter you write a layer, a loss, the same network three ways, an input pipeline,
# and the training loop that `model.fit` runs for you; then a data set stored in a file
# (TFRecord), data augmentation inside the pipeline, and chapter 5's step decay as a Keras
# learning-rate schedule.
#
# Keras works in float32 by default: expect agreement with float64 numpy to about 6 digits.

# %%
import numpy as np
import tensorflow as tf
import keras

# %% [markdown]
# ## 1. A custom layer
# A Keras layer does not know its input size when you create it: `CustomDense(64)` only says
# "64 outputs". Keras calls `build(input_shape)` once, on the first call, when the last axis $D$
# of the input is known. That is where the weights are created, with `self.add_weight(...)`, so
# that Keras tracks them (they appear in `layer.trainable_weights`, get saved and get trained):
#
# - `kernel` of shape $(D, \text{units})$, *Glorot (Xavier) uniform*: each entry uniform on
#   $[-L, L]$ with $L = \sqrt{6 / (D + \text{units})}$, so that the variance $L^2/3 = 2/(D + \text{units})$
#   keeps signals at the same scale forward and backward (chapter 5's Xavier idea);
# - `bias` of shape $(\text{units},)$, zeros.
#
# `call(inputs)` is the forward pass, $\text{out} = \text{activation}(\text{inputs} \cdot \text{kernel} + \text{bias})$.
# There is no `backward`: TensorFlow differentiates `call` itself.
#
# To save a model that contains your layer and load it again, Keras needs two things:
# `get_config()` returns the constructor arguments (`units`, `activation`, plus what the base class
# returns: `name`, `dtype`, ...), so that `CustomDense.from_config(config)` can rebuild the layer;
# and the class must be findable by name when loading. The decorator
# `@keras.saving.register_keras_serializable(...)` registers it (the alternative is
# `keras.models.load_model(path, custom_objects={"CustomDense": CustomDense})`).
#
# `keras.activations.get(name_or_function)` turns `"relu"`, `"tanh"`, `None` (linear) or a
# function into a function; `keras.activations.serialize(fn)` turns it back into a name.


# %%
@keras.saving.register_keras_serializable(package="ch08")
class CustomDense(keras.layers.Layer):
    """Fully connected layer: out = activation(inputs @ kernel + bias).

    Shapes: inputs (N, D); kernel (D, units), glorot uniform on [-L, L] with
    L = sqrt(6 / (D + units)); bias (units,), zeros; out (N, units).
    The weights are created in `build` (on the first call, when D is known) with `add_weight`,
    so Keras tracks, trains and saves them. `activation` is a name ("relu", "tanh", ...), a
    function or None (linear). Extra keyword arguments (name, dtype, ...) go to keras.layers.Layer.
    Backward: automatic (tf.GradientTape differentiates `call`).
    """

    def __init__(self, units, activation=None, **kwargs):
        ### BEGIN SOLUTION
        super().__init__(**kwargs)
        self.units = int(units)
        self.activation = keras.activations.get(activation)
        ### END SOLUTION

    def build(self, input_shape):
        """Create `self.kernel` (D, units) and `self.bias` (units,), with D = input_shape[-1]."""
        ### BEGIN SOLUTION
        fan_in = int(input_shape[-1])
        self.kernel = self.add_weight(name="kernel", shape=(fan_in, self.units), initializer="glorot_uniform",
                                      trainable=True)
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros", trainable=True)
        ### END SOLUTION

    def call(self, inputs):
        """activation(inputs @ kernel + bias); inputs (N, D) -> (N, units)."""
        ### BEGIN SOLUTION
        return self.activation(tf.matmul(inputs, self.kernel) + self.bias)
        ### END SOLUTION

    def get_config(self):
        """The base layer's config plus `units` and `activation` (serialized to a name)."""
        ### BEGIN SOLUTION
        config = super().get_config()
        config.update({"units": self.units, "activation": keras.activations.serialize(self.activation)})
        return config
        ### END SOLUTION


# %% [markdown]
# ## 2. A loss with a gradient: the Huber loss
# Mean squared error punishes a large error $e$ quadratically, so a few outliers dominate the
# gradient. The Huber loss is quadratic near 0 and linear beyond $\delta$:
#
# $$\ell_\delta(e) = \begin{cases} \tfrac12 e^2 & |e| \le \delta \\ \delta\,(|e| - \tfrac12\delta) & |e| > \delta \end{cases}
# \qquad \ell'_\delta(e) = \operatorname{clip}(e, -\delta, \delta)$$
#
# with $e = y_\text{pred} - y_\text{true}$. Both pieces meet with the same value and slope at $|e| = \delta$.
# `huber_loss` returns the mean of $\ell_\delta$ over all elements, the same scalar as
# `keras.losses.Huber(delta)` (which averages over the last axis, then over the batch).
#
# Write it with TensorFlow operations (`tf.abs`, `tf.where` or `tf.minimum`, `tf.reduce_mean`):
# `tf.GradientTape` can only differentiate what TensorFlow computed. A numpy version gives the
# right number and **no gradient**. The given `loss_gradient` shows how the tape is used.


# %%
def huber_loss(y_true, y_pred, delta=1.0):
    """Mean over all elements of the Huber loss of e = y_pred - y_true, as a scalar tensor.

    l(e) = 0.5 * e**2 where |e| <= delta, else delta * (|e| - 0.5 * delta).
    Shapes: y_true and y_pred of the same shape (e.g. (N, D)), arrays or tensors -> scalar.
    Use TensorFlow operations so that the result can be differentiated.
    """
    ### BEGIN SOLUTION
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.cast(y_true, y_pred.dtype)
    error = y_pred - y_true
    abs_error = tf.abs(error)
    quadratic = 0.5 * tf.square(error)
    linear = delta * (abs_error - 0.5 * delta)
    return tf.reduce_mean(tf.where(abs_error <= delta, quadratic, linear))
    ### END SOLUTION


# %%
def loss_gradient(loss_fn, y_true, y_pred, **kwargs):
    """d loss_fn(y_true, y_pred, **kwargs) / d y_pred by tf.GradientTape, in float32 (given, for the plot below).

    Shapes: y_true, y_pred (N, D) -> gradient (N, D); None when the loss was not computed with
    TensorFlow operations (the tape then sees no path from y_pred to the loss).
    """
    y_true = tf.constant(y_true, dtype=tf.float32)
    y_pred = tf.constant(y_pred, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(y_pred)
        loss = loss_fn(y_true, y_pred, **kwargs)
    if not tf.is_tensor(loss):  # e.g. a numpy number: the tape never saw it
        return None
    return tape.gradient(loss, y_pred)


# %% [demo]
# The Huber loss and its gradient next to the squared error: linear growth, bounded slope.
if __name__ == "__main__":
    import matplotlib.pyplot as plt

    errors = np.linspace(-3, 3, 121)
    zeros = np.zeros_like(errors)
    huber_values = [float(huber_loss(0.0, e)) for e in errors]
    slope = len(errors) * np.asarray(loss_gradient(huber_loss, zeros, errors))  # the mean's gradient, times N
    plt.plot(errors, 0.5 * errors**2, "--", label="0.5 e²")
    plt.plot(errors, huber_values, label="Huber, δ = 1")
    plt.plot(errors, slope, label="its gradient (GradientTape)")
    plt.ylim(-1.5, 3)
    plt.legend()
    plt.title("Huber loss")
    plt.show()

# %% [markdown]
# ## 3. One network, three ways to write it
# The network of chapters 4–5: `Dense + ReLU` hidden layers, each followed by `Dropout` when
# `dropout_rate > 0`, and a `Dense + softmax` output of `num_classes` probabilities.
# `hidden_units` is a list of hidden layer widths, e.g. `[64, 32]`.
#
# - **Sequential**: a list of layers, each feeding the next. Start it with `keras.Input(shape=(input_dim,))`
#   so that the model is built right away.
# - **Functional**: call layers on symbolic tensors, `h = layer(h)`, from `inputs = keras.Input(...)`
#   to `outputs`, then `keras.Model(inputs, outputs)`. This style also allows branches and merges.
# - **Subclassing**: a `keras.Model` whose `__init__` creates the layers and whose
#   `call(inputs, training=None)` runs them, like chapter 4's `TwoLayerNet.predict`.
#
# All three have the same parameters, $\sum_\ell (n_{\ell-1} + 1)\, n_\ell$ (a kernel and a bias
# per Dense layer; Dropout has none). Dropout must only drop in training: Keras passes
# `training=True` from `fit` (and you pass it in your own loop); `model(x)` and `predict` use
# `training=False`, where Dropout returns its input unchanged (chapter 5's inverted dropout).


# %%
def build_sequential_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    """A keras.Sequential MLP: [Dense(h, relu) (+ Dropout)] for h in hidden_units, Dense(num_classes, softmax).

    Shapes: input (N, input_dim) -> probabilities (N, num_classes), rows summing to 1.
    Dropout(dropout_rate) follows each hidden layer when dropout_rate > 0.
    """
    ### BEGIN SOLUTION
    layers = [keras.Input(shape=(input_dim,))]
    for units in hidden_units:
        layers.append(keras.layers.Dense(units, activation="relu"))
        if dropout_rate > 0:
            layers.append(keras.layers.Dropout(dropout_rate))
    layers.append(keras.layers.Dense(num_classes, activation="softmax"))
    return keras.Sequential(layers)
    ### END SOLUTION


def build_functional_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    """The same MLP as build_sequential_model, written with the functional API: keras.Model(inputs, outputs).

    Shapes: input (N, input_dim) -> probabilities (N, num_classes).
    """
    ### BEGIN SOLUTION
    inputs = keras.Input(shape=(input_dim,))
    hidden = inputs
    for units in hidden_units:
        hidden = keras.layers.Dense(units, activation="relu")(hidden)
        if dropout_rate > 0:
            hidden = keras.layers.Dropout(dropout_rate)(hidden)
    outputs = keras.layers.Dense(num_classes, activation="softmax")(hidden)
    return keras.Model(inputs, outputs)
    ### END SOLUTION


class MLPModel(keras.Model):
    """The same MLP as a subclassed keras.Model; its weights are created on the first call.

    Shapes: inputs (N, D) -> probabilities (N, num_classes). `call(inputs, training=None)`
    passes `training` to the Dropout layers (present when dropout_rate > 0).
    """

    def __init__(self, hidden_units, num_classes, dropout_rate=0.0, **kwargs):
        ### BEGIN SOLUTION
        super().__init__(**kwargs)
        self.hidden_layers = [keras.layers.Dense(units, activation="relu") for units in hidden_units]
        self.dropout_layers = [keras.layers.Dropout(dropout_rate) for _ in hidden_units] if dropout_rate > 0 else []
        self.output_layer = keras.layers.Dense(num_classes, activation="softmax")
        ### END SOLUTION

    def call(self, inputs, training=None):
        """Hidden layers (with dropout in training), then the softmax output layer."""
        ### BEGIN SOLUTION
        hidden = inputs
        for i, layer in enumerate(self.hidden_layers):
            hidden = layer(hidden)
            if self.dropout_layers:
                hidden = self.dropout_layers[i](hidden, training=training)
        return self.output_layer(hidden)
        ### END SOLUTION


# %% [markdown]
# ## 4. The input pipeline: `tf.data`
# Chapter 4 drew mini-batches with `np.random.choice`. `tf.data.Dataset` does the same as a
# pipeline of steps:
#
# 1. `tf.data.Dataset.from_tensor_slices((x, y))`: one element per sample, a pair `(x[i], y[i])`;
# 2. `.shuffle(buffer_size, seed=seed)`: a buffer as large as the data set gives a uniform
#    shuffle. The same seed gives the same order, and by default every pass over the data
#    (every epoch) is shuffled anew;
# 3. `.batch(batch_size)`: pairs of arrays `(batch_size, ...)`; the last batch keeps the
#    remainder (do not drop it: every sample is seen once per epoch);
# 4. `.prefetch(tf.data.AUTOTUNE)`: prepare the next batch while the model works on this one.


# %%
def make_dataset(x, y, batch_size=32, shuffle=True, seed=None):
    """A batched, prefetched tf.data.Dataset of (x_batch, y_batch) pairs.

    Shapes: x (N, ...), y (N, ...) -> batches (B, ...) and (B, ...), B = batch_size except the
    last batch, which keeps the remainder: ceil(N / batch_size) batches per epoch, each sample
    exactly once. With shuffle=True the samples are shuffled (x and y together) in every epoch;
    the same seed gives the same order.
    """
    ### BEGIN SOLUTION
    dataset = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        dataset = dataset.shuffle(buffer_size=len(x), seed=seed, reshuffle_each_iteration=True)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)
    ### END SOLUTION


# %% [markdown]
# ## 5. The training loop
# `model.fit` runs, for each batch, one *training step*: the forward pass and the loss under a
# `tf.GradientTape`, the gradients of the loss with respect to `model.trainable_variables`, and
# one optimizer update:
#
# ```python
# with tf.GradientTape() as tape:
#     y_pred = model(x, training=True)      # training=True: Dropout active
#     loss = loss_fn(y, y_pred)
# grads = tape.gradient(loss, model.trainable_variables)
# optimizer.apply_gradients(zip(grads, model.trainable_variables))
# ```
#
# With `keras.optimizers.SGD(learning_rate=lr)` the update is chapter 5's `p -= lr * g`; any
# other Keras optimizer keeps its own state (momentum, Adam's moments) per variable.
# `fit_custom_loop` repeats the step over every batch of the dataset, for `epochs` passes, and
# reports each epoch's mean loss, as `fit` does in its progress bar.
#
# (You may decorate a step with `@tf.function` to compile it into a graph. Leave it out while
# debugging: plain eager code can be printed and stepped through.)


# %%
def train_step(model, optimizer, loss_fn, x, y):
    """One gradient step on one batch; returns the loss computed before the update (a scalar).

    Forward with model(x, training=True) and loss_fn(y, y_pred) under tf.GradientTape, gradients
    with respect to model.trainable_variables, then optimizer.apply_gradients. Changes the
    model's weights (and the optimizer's state) in place.
    """
    ### BEGIN SOLUTION
    with tf.GradientTape() as tape:
        y_pred = model(x, training=True)
        loss = loss_fn(y, y_pred)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
    ### END SOLUTION


def fit_custom_loop(model, dataset, optimizer, loss_fn, epochs=1):
    """Train with train_step over every (x, y) batch of `dataset`, `epochs` times.

    Returns a list of `epochs` floats: each epoch's mean loss, the batch losses weighted by batch
    size (the mean over samples, what model.fit reports; with equal batches, the plain mean).
    """
    ### BEGIN SOLUTION
    history = []
    for _ in range(epochs):
        total, count = 0.0, 0
        for x_batch, y_batch in dataset:
            loss = train_step(model, optimizer, loss_fn, x_batch, y_batch)
            n = int(x_batch.shape[0])
            total += float(loss) * n
            count += n
        history.append(total / count)
    return history
    ### END SOLUTION


# %% [markdown]
# ## 6. Everything together: handwritten digits
# scikit-learn's `load_digits` (1797 images of 8×8 pixels, bundled, no download) stands in for
# MNIST here. With a network connection, `keras.datasets.mnist.load_data()` gives the real
# 28×28 MNIST: flatten the images to 784 values, divide by 255, and the same code runs.
#
# `model.fit` takes *callbacks*, objects called after every epoch:
# `keras.callbacks.EarlyStopping` stops when the validation loss has not improved for `patience`
# epochs (and can restore the best weights); `keras.callbacks.ModelCheckpoint` saves the best
# model to a file. `fit` returns a `History` whose `.history` dict holds one list per metric.
#
# Then the same network, from the same initial weights, is trained with `fit_custom_loop` for
# the same number of epochs: both should reach about the same test accuracy.


# %% [demo]
if __name__ == "__main__":
    import os
    import tempfile

    import matplotlib.pyplot as plt
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x_all = (digits.data / 16.0).astype(np.float32)
    y_all = digits.target.astype(np.int64)
    x_rest, x_test, y_rest, y_test = train_test_split(x_all, y_all, test_size=0.2, random_state=0, stratify=y_all)
    x_train, x_val, y_train, y_val = train_test_split(x_rest, y_rest, test_size=0.2, random_state=0, stratify=y_rest)

    keras.utils.set_random_seed(0)
    model = build_sequential_model(64, [64], 10, dropout_rate=0.2)
    initial_weights = model.get_weights()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    checkpoint_dir = tempfile.mkdtemp(prefix="ch08-checkpoints-")
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True),
        keras.callbacks.ModelCheckpoint(os.path.join(checkpoint_dir, "best.keras"), monitor="val_loss",
                                        save_best_only=True),
    ]
    history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=200, batch_size=32,
                        callbacks=callbacks, verbose=0)
    best_epochs = int(np.argmin(history.history["val_loss"])) + 1
    _, fit_accuracy = model.evaluate(x_test, y_test, verbose=0)
    best = keras.models.load_model(os.path.join(checkpoint_dir, "best.keras"))
    _, checkpoint_accuracy = best.evaluate(x_test, y_test, verbose=0)
    print(f"model.fit: stopped after {len(history.history['loss'])} epochs, best epoch {best_epochs}, "
          f"test accuracy {fit_accuracy:.2%} (checkpoint reloaded: {checkpoint_accuracy:.2%})")

    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    ax_loss.plot(history.history["loss"], label="training")
    ax_loss.plot(history.history["val_loss"], label="validation")
    ax_loss.set_title("loss")
    ax_acc.plot(history.history["accuracy"], label="training")
    ax_acc.plot(history.history["val_accuracy"], label="validation")
    ax_acc.set_title("accuracy")
    for ax in (ax_loss, ax_acc):
        ax.axvline(best_epochs - 1, color="gray", linestyle=":")
        ax.set_xlabel("epoch")
        ax.legend()
    plt.show()

    # The same network from the same initial weights, trained by our own loop for the best epoch count.
    custom = build_sequential_model(64, [64], 10, dropout_rate=0.2)
    custom.set_weights(initial_weights)
    losses = fit_custom_loop(custom, make_dataset(x_train, y_train, batch_size=32, seed=0),
                             keras.optimizers.Adam(learning_rate=1e-3), keras.losses.SparseCategoricalCrossentropy(),
                             epochs=best_epochs)
    custom_accuracy = float(np.mean(np.argmax(custom(x_test, training=False), axis=1) == y_test))
    print(f"fit_custom_loop: {best_epochs} epochs, loss {losses[0]:.3f} -> {losses[-1]:.3f}, "
          f"test accuracy {custom_accuracy:.2%} (model.fit: {fit_accuracy:.2%})")


# %% [markdown]
# ## 7. Storing a data set: TFRecord
# A data set that does not fit in memory, or that several programs read, is stored in files.
# TensorFlow's own format is *TFRecord*: a file of records, each one serialized
# `tf.train.Example`, a protocol buffer that maps feature names to lists of values:
#
# ```python
# example = tf.train.Example(features=tf.train.Features(feature={
#     "x": tf.train.Feature(float_list=tf.train.FloatList(value=sample.ravel())),   # the sample, flattened
#     "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),          # one integer
# }))
# writer.write(example.SerializeToString())      # writer = tf.io.TFRecordWriter(path), used in a `with`
# ```
#
# A feature list is flat (`float_list`, `int64_list` or `bytes_list`), so the shape is not stored:
# the reader must know it. Reading is a `tf.data` pipeline:
# `tf.data.TFRecordDataset(path)` gives the serialized records in file order, and
# `tf.io.parse_single_example(record, spec)` decodes one of them, with
# `spec = {"x": tf.io.FixedLenFeature([size], tf.float32), "y": tf.io.FixedLenFeature([], tf.int64)}`
# (`size` the number of values of one sample, `[]` a scalar); then `tf.reshape` restores the shape.
# Parse with `map(..., num_parallel_calls=tf.data.AUTOTUNE)`: `map` keeps the order of the
# records unless you ask it not to. Float lists hold float32, so float32 data comes back bit for bit.


# %%
def write_tfrecord(path, x, y):
    """Write one tf.train.Example per sample to the TFRecord file `path`; return the number written.

    Shapes: x (N, ...) (any feature shape, stored flattened as float32), y (N,) integer labels.
    Features: "x", a float list of the sample's values in C order; "y", an int64 list of one value.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=np.int64)
    with tf.io.TFRecordWriter(path) as writer:
        for sample, label in zip(x, y):
            example = tf.train.Example(features=tf.train.Features(feature={
                "x": tf.train.Feature(float_list=tf.train.FloatList(value=sample.ravel().tolist())),
                "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[int(label)])),
            }))
            writer.write(example.SerializeToString())
    return len(x)
    ### END SOLUTION


def read_tfrecord(path, feature_shape, batch_size=32):
    """The TFRecord file written by write_tfrecord as a batched tf.data.Dataset of (x, y) pairs.

    Shapes: each x float32 of `feature_shape` (e.g. (8, 8, 1)), each y an int64 scalar; batches
    (B, *feature_shape) and (B,), in file order (not shuffled), the last batch possibly smaller.
    """
    ### BEGIN SOLUTION
    feature_shape = [int(d) for d in feature_shape]
    spec = {"x": tf.io.FixedLenFeature([int(np.prod(feature_shape))], tf.float32),
            "y": tf.io.FixedLenFeature([], tf.int64)}

    def parse(record):
        example = tf.io.parse_single_example(record, spec)
        return tf.reshape(example["x"], feature_shape), example["y"]

    dataset = tf.data.TFRecordDataset(path).map(parse, num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)
    ### END SOLUTION


# %% [demo]
# The digits go to a file and come back unchanged, in the same order.
if __name__ == "__main__":
    import os
    import tempfile

    from sklearn.datasets import load_digits

    digits = load_digits()
    images = (digits.images[..., None] / 16.0).astype(np.float32)  # (1797, 8, 8, 1)
    record_path = os.path.join(tempfile.mkdtemp(prefix="ch08-tfrecord-"), "digits.tfrecord")
    count = write_tfrecord(record_path, images, digits.target)
    back = list(read_tfrecord(record_path, (8, 8, 1), batch_size=500))
    x_back = np.concatenate([xb.numpy() for xb, _ in back])
    y_back = np.concatenate([yb.numpy() for _, yb in back])
    print(f"{count} records, {os.path.getsize(record_path) / 1024:.0f} KiB, batches of "
          f"{[len(yb) for _, yb in back]}; identical after reading: "
          f"{np.array_equal(x_back, images) and np.array_equal(y_back, digits.target)}")


# %% [markdown]
# ## 8. Data augmentation
# A network that saw each training digit only as it was drawn learns those very drawings. Small
# random changes that keep the label (shift the digit a little, rotate it a few degrees, zoom in
# or out) give it new drawings of the same digits in every epoch: *data augmentation*, a
# regularizer like chapter 5's dropout and weight decay.
#
# Keras has these as layers for images `(N, H, W, C)`: `keras.layers.RandomTranslation(height_factor,
# width_factor)` (fractions of the height and width), `RandomRotation(factor)` (a fraction of a
# full turn: 0.05 is ±18°) and `RandomZoom(height_factor)`. Like Dropout they act only in training:
# `augmenter(images, training=True)` draws a new change for every image, `training=False` returns
# the images unchanged (so a model that contains them predicts on the real images). Leave out
# `RandomFlip`: a mirrored 2 or 7 is not a digit. `fill_mode="constant"` fills the pixels that move
# in with 0, the background of the digits. Each layer takes a `seed`: the same seed gives the same
# changes in the same order.
#
# Augmentation belongs in the input pipeline: `dataset.map(fn, num_parallel_calls=tf.data.AUTOTUNE)`
# runs it on the CPU while the model trains on the previous batch, and draws new changes in every
# epoch. (Augmenting the arrays once before training would give one fixed, larger data set instead.)
# Several calls running in parallel draw from the layers' random state in whatever order they run,
# so two such datasets with the same seed give similar, not identical, images.


# %%
def build_augmenter(seed=None):
    """A keras.Sequential of RandomTranslation, RandomRotation and RandomZoom (no flips) for images.

    Shapes: images (N, H, W, C) -> the same shape. augmenter(images, training=True) changes each
    image at random; training=False returns the images unchanged. The same seed gives the same changes.
    """
    ### BEGIN SOLUTION
    seeds = [None] * 3 if seed is None else [seed, seed + 1, seed + 2]  # three layers, three streams
    return keras.Sequential([
        keras.layers.RandomTranslation(0.1, 0.1, fill_mode="constant", seed=seeds[0]),
        keras.layers.RandomRotation(0.05, fill_mode="constant", seed=seeds[1]),
        keras.layers.RandomZoom(0.1, fill_mode="constant", seed=seeds[2]),
    ], name="augmenter")
    ### END SOLUTION


def make_augmented_dataset(x, y, batch_size=32, seed=None):
    """A batched, prefetched tf.data.Dataset of (augmented x_batch, y_batch), augmented anew in every epoch.

    Shapes: x (N, H, W, C) images, y (N,) -> batches (B, H, W, C) and (B,), B = batch_size except
    the smaller last batch. The augmentation (build_augmenter(seed), training=True) runs inside the
    pipeline, in a map with parallel calls; every label stays with its own image.
    """
    ### BEGIN SOLUTION
    augmenter = build_augmenter(seed)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(batch_size)
    dataset = dataset.map(lambda images, labels: (augmenter(images, training=True), labels),
                          num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE)
    ### END SOLUTION


# %% [demo]
# A grid of augmented digits, then the same small network trained with and without augmentation.
if __name__ == "__main__":
    import matplotlib.pyplot as plt
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = (digits.images[..., None] / 16.0).astype(np.float32)
    augmenter = build_augmenter(seed=0)
    fig, axes = plt.subplots(4, 8, figsize=(8, 4.5))
    for row, axes_row in enumerate(axes):
        batch = images[:8] if row == 0 else np.asarray(augmenter(images[:8], training=True))
        for ax, image in zip(axes_row, batch):
            ax.imshow(image[..., 0], cmap="gray_r", vmin=0, vmax=1)
            ax.axis("off")
    fig.suptitle("top row: the digits; below: three draws of build_augmenter(seed=0)")
    plt.show()

    x_train, x_test, y_train, y_test = train_test_split(images, digits.target, test_size=0.3, random_state=0,
                                                        stratify=digits.target)
    for augment in (False, True):
        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(),
                                  keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        train = (make_augmented_dataset(x_train, y_train, seed=0) if augment
                 else make_dataset(x_train, y_train, seed=0))
        history = model.fit(train, epochs=60, verbose=0)
        _, accuracy = model.evaluate(x_test, y_test, verbose=0)
        shifted = np.roll(x_test, 1, axis=2)  # every test digit moved one pixel to the right
        _, shifted_accuracy = model.evaluate(shifted, y_test, verbose=0)
        print(f"{'with' if augment else 'without'} augmentation: training accuracy "
              f"{history.history['accuracy'][-1]:.2%}, test accuracy {accuracy:.2%}, "
              f"on test digits shifted by one pixel {shifted_accuracy:.2%}")


# %% [markdown]
# ## 9. Learning-rate schedules in Keras
# Chapter 5's `StepDecay` was a callable `schedule(step)`, and our optimizers called it once per
# update. A Keras optimizer does the same with a `keras.optimizers.schedules.LearningRateSchedule`:
# `keras.optimizers.SGD(learning_rate=schedule)` calls `schedule(optimizer.iterations)` at every
# step, and `optimizer.learning_rate` reads its current value (which is what callbacks and logs see).
#
# A subclass writes two methods:
# - `__call__(self, step)`: the learning rate at `step`, the number of updates done so far. In `fit`,
#   `step` is a tensor (an int64 variable), and the step runs as a compiled graph: compute with
#   TensorFlow operations (`tf.cast`, `//` on integer tensors, `tf.pow`), never `int(step)` or
#   `math.floor`, which need a concrete number;
# - `get_config(self)`: the constructor arguments as a dict, so that `from_config` (and saving a
#   model with its optimizer) can rebuild the schedule.
#
# `KerasStepDecay` gives the same values as chapter 5's `StepDecay`:
# $\text{lr}(t) = \text{initial\_lr} \cdot \text{drop}^{\lfloor t / \text{steps\_per\_drop} \rfloor}$.
# (Keras's own `ExponentialDecay(initial_lr, steps_per_drop, drop, staircase=True)` is the same schedule.)


# %%
@keras.saving.register_keras_serializable(package="ch08")
class KerasStepDecay(keras.optimizers.schedules.LearningRateSchedule):
    """Step decay as a Keras schedule: lr(step) = initial_lr * drop ** (step // steps_per_drop).

    `step` is an int or an integer tensor (the optimizer's `iterations`) >= 0; the value is a float32
    scalar tensor. Usable as keras.optimizers.SGD(learning_rate=KerasStepDecay(...)).
    """

    def __init__(self, initial_lr, drop=0.5, steps_per_drop=10):
        ### BEGIN SOLUTION
        super().__init__()
        self.initial_lr, self.drop, self.steps_per_drop = float(initial_lr), float(drop), int(steps_per_drop)
        ### END SOLUTION

    def __call__(self, step):
        """The learning rate after `step` updates, computed with TensorFlow operations."""
        ### BEGIN SOLUTION
        drops = tf.cast(tf.cast(step, tf.int64) // self.steps_per_drop, tf.float32)
        return tf.constant(self.initial_lr, tf.float32) * tf.pow(tf.constant(self.drop, tf.float32), drops)
        ### END SOLUTION

    def get_config(self):
        """{"initial_lr": ..., "drop": ..., "steps_per_drop": ...}: from_config(config) rebuilds the schedule."""
        ### BEGIN SOLUTION
        return dict(initial_lr=self.initial_lr, drop=self.drop, steps_per_drop=self.steps_per_drop)
        ### END SOLUTION


# %% [demo]
# The schedule drives SGD in model.fit; a callback reads the optimizer's learning rate after every epoch.
if __name__ == "__main__":
    from sklearn.datasets import load_digits

    digits = load_digits()
    x_all, y_all = (digits.data / 16.0).astype(np.float32), digits.target
    keras.utils.set_random_seed(0)
    schedule = KerasStepDecay(0.5, drop=0.5, steps_per_drop=200)  # 1797 / 64 -> 29 steps per epoch
    model = build_sequential_model(64, [64], 10)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedule), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    seen = []
    record_lr = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: seen.append(float(model.optimizer.learning_rate)))
    history = model.fit(x_all, y_all, batch_size=64, epochs=30, callbacks=[record_lr], verbose=0)
    steps = 29 * np.arange(1, 31)
    print("learning rate after each epoch:", np.round(seen, 4))
    print("the schedule at those steps:   ", np.round([float(schedule(s)) for s in steps], 4))
    print(f"loss {history.history['loss'][0]:.3f} -> {history.history['loss'][-1]:.3f}")
