"""Calls model(x) without training=True: Dropout stays off during training."""

FAILS = ["ch08_keras::train_step::dropout_active"]


def train_step(model, optimizer, loss_fn, x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
