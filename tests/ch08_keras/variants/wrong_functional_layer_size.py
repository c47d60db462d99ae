"""Functional model that gives every hidden layer the first width (hidden_units[0])."""

FAILS = ["ch08_keras::build_functional_model::param_count", "ch08_keras::build_functional_model::forward_pass"]

_reference_functional = build_functional_model


def build_functional_model(input_dim, hidden_units, num_classes, dropout_rate=0.0):
    return _reference_functional(input_dim, [hidden_units[0]] * len(hidden_units), num_classes, dropout_rate)
