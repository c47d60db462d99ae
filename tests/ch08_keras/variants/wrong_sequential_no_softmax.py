"""Sequential model whose output layer has no activation: logits instead of probabilities."""

FAILS = [
    "ch08_keras::build_sequential_model::output_probabilities",
    "ch08_keras::build_sequential_model::forward_pass",
    "ch08_keras::build_sequential_model::dropout_rate",
]


def build_sequential_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    layers = [keras.Input(shape=(input_dim,))]
    for units in hidden_units:
        layers.append(keras.layers.Dense(units, activation="relu"))
        if dropout_rate > 0:
            layers.append(keras.layers.Dropout(dropout_rate))
    layers.append(keras.layers.Dense(num_classes))
    return keras.Sequential(layers)
