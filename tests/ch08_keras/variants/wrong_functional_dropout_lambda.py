"""Functional model that drops with tf.nn.dropout inside a Lambda layer: unlike keras.layers.Dropout,
it knows nothing of `training` and drops at inference too."""

FAILS = ["ch08_keras::build_functional_model::dropout_only_in_training"]


def build_functional_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    inputs = keras.Input(shape=(input_dim,))
    hidden = inputs
    for units in hidden_units:
        hidden = keras.layers.Dense(units, activation="relu")(hidden)
        if dropout_rate > 0:
            hidden = keras.layers.Lambda(lambda h: tf.nn.dropout(h, rate=dropout_rate))(hidden)
    return keras.Model(inputs, keras.layers.Dense(num_classes, activation="softmax")(hidden))
