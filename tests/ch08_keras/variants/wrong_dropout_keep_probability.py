"""Reads dropout_rate as the probability of keeping a unit (CS231n's `p`): Dropout(1 - dropout_rate)
in all three models. At the usual 0.5 nothing differs."""

FAILS = [
    "ch08_keras::build_sequential_model::dropout_rate",
    "ch08_keras::build_functional_model::dropout_rate",
    "ch08_keras::MLPModel::dropout_rate",
]

_build_sequential_model, _build_functional_model, _MLPModel = build_sequential_model, build_functional_model, MLPModel


def build_sequential_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    return _build_sequential_model(input_dim, hidden_units, num_classes, 1 - dropout_rate if dropout_rate else 0.0)


def build_functional_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    return _build_functional_model(input_dim, hidden_units, num_classes, 1 - dropout_rate if dropout_rate else 0.0)


class MLPModel(_MLPModel):
    def __init__(self, hidden_units, num_classes, dropout_rate=0.0, **kwargs):
        super().__init__(hidden_units, num_classes, 1 - dropout_rate if dropout_rate else 0.0, **kwargs)
