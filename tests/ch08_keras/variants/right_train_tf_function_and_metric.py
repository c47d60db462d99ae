"""train_step compiled with @tf.function; fit_custom_loop averages with keras.metrics.Mean, each
batch weighted by its size, and returns numpy floats."""

FAILS = []


@tf.function
def train_step(model, optimizer, loss_fn, x, y):
    with tf.GradientTape() as tape:
        predictions = model(x, training=True)
        loss = loss_fn(y, predictions)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def fit_custom_loop(model, dataset, optimizer, loss_fn, epochs=1):
    mean = keras.metrics.Mean()
    history = []
    for _ in range(epochs):
        mean.reset_state()
        for x_batch, y_batch in dataset:
            mean.update_state(train_step(model, optimizer, loss_fn, x_batch, y_batch), sample_weight=len(x_batch))
        history.append(np.float32(mean.result().numpy()))
    return history
