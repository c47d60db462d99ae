"""Computes the gradients but never applies them: the weights stay as they were."""

FAILS = [
    "ch08_keras::train_step::sgd_step_updates_weights",
    "ch08_keras::train_step::adam_two_steps",
    "ch08_keras::fit_custom_loop::losses_decrease",
    "ch08_keras::fit_custom_loop::epoch_mean_losses",
    "ch08_keras::fit_custom_loop::unequal_batches",
]


def train_step(model, optimizer, loss_fn, x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    tape.gradient(loss, model.trainable_variables)
    return loss
