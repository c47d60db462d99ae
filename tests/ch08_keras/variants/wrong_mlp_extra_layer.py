"""Subclassed model with an extra hidden Dense layer of the last width."""

FAILS = [
    "ch08_keras::MLPModel::param_count",
    "ch08_keras::MLPModel::forward_pass",
    "ch08_keras::MLPModel::dropout_rate",
    "ch08_keras::MLPModel::inference_by_default",
]


class MLPModel(MLPModel):
    def __init__(self, hidden_units, num_classes, dropout_rate=0.0, **kwargs):
        super().__init__(list(hidden_units) + [hidden_units[-1]], num_classes, dropout_rate, **kwargs)
