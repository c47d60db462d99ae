"""Updates the weights by hand with w -= learning_rate * g instead of asking the optimizer:
right for plain SGD, wrong for any optimizer with state (Adam)."""

FAILS = ["ch08_keras::train_step::adam_two_steps"]


def train_step(model, optimizer, loss_fn, x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    for variable, grad in zip(model.trainable_variables, grads):
        variable.assign_sub(optimizer.learning_rate * grad)
    return loss
