"""Functional model with a sigmoid output: values in (0, 1) that do not sum to 1."""

FAILS = [
    "ch08_keras::build_functional_model::output_probabilities",
    "ch08_keras::build_functional_model::forward_pass",
    "ch08_keras::build_functional_model::dropout_rate",
]


def build_functional_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    inputs = keras.Input(shape=(input_dim,))
    hidden = inputs
    for units in hidden_units:
        hidden = keras.layers.Dense(units, activation="relu")(hidden)
        if dropout_rate > 0:
            hidden = keras.layers.Dropout(dropout_rate)(hidden)
    return keras.Model(inputs, keras.layers.Dense(num_classes, activation="sigmoid")(hidden))
