"""The three models written another way: Sequential grown with add(), softmax as a separate Activation
layer, one shared Dropout layer, a subclassed model that creates its output layer first and whose
call has no `training` argument (Keras passes the training flag on to the inner layers)."""

FAILS = []


def build_sequential_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    model = keras.Sequential()
    model.add(keras.Input(shape=(input_dim,)))
    for units in hidden_units:
        model.add(keras.layers.Dense(units))
        model.add(keras.layers.ReLU())
        if dropout_rate:
            model.add(keras.layers.Dropout(rate=dropout_rate))
    model.add(keras.layers.Dense(num_classes))
    model.add(keras.layers.Activation("softmax"))
    return model


def build_functional_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    inputs = keras.Input(shape=(input_dim,))
    dropout = keras.layers.Dropout(dropout_rate)
    x = inputs
    for units in hidden_units:
        x = keras.layers.Activation("relu")(keras.layers.Dense(units)(x))
        x = dropout(x) if dropout_rate > 0 else x
    logits = keras.layers.Dense(num_classes)(x)
    return keras.Model(inputs=inputs, outputs=keras.layers.Softmax()(logits))


class MLPModel(keras.Model):
    def __init__(self, hidden_units, num_classes, dropout_rate=0.0, **kwargs):
        super().__init__(**kwargs)
        self.head = keras.layers.Dense(num_classes, activation="softmax")
        self.blocks = []
        for units in hidden_units:
            self.blocks.append(keras.layers.Dense(units, activation="relu"))
            if dropout_rate > 0:
                self.blocks.append(keras.layers.Dropout(dropout_rate))

    def call(self, inputs):
        for layer in self.blocks:
            inputs = layer(inputs)
        return self.head(inputs)
