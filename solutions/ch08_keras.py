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
#
# In this chapter you write a layer, a loss, the same network three ways, an input pipeline,
# and the training loop that `model.fit` runs for you.
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
    """d loss_fn(y_true, y_pred, **kwargs) / d y_pred by tf.GradientTape, in float32 (given; the grader uses it).

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
