"""Sequential model that never adds the Dropout layers."""

FAILS = [
    "ch08_keras::build_sequential_model::dropout_only_in_training",
    "ch08_keras::build_sequential_model::dropout_rate",
]


def build_sequential_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    layers = [keras.Input(shape=(input_dim,))]
    layers += [keras.layers.Dense(units, activation="relu") for units in hidden_units]
    layers.append(keras.layers.Dense(num_classes, activation="softmax"))
    return keras.Sequential(layers)
