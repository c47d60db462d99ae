"""Relu.forward written as np.max(x, 0): a reduction over axis 0, not the element-wise np.maximum.

The mask is right, so backward passes; every TwoLayerNet result built on forward fails.
"""

FAILS = [
    "ch04_backprop::Relu::forward",
    "ch04_backprop::TwoLayerNet::predict",
    "ch04_backprop::TwoLayerNet::loss",
    "ch04_backprop::TwoLayerNet::accuracy",
    "ch04_backprop::TwoLayerNet::gradient",
    "ch04_backprop::TwoLayerNet::numerical_gradient",
    "ch04_backprop::TwoLayerNet::gradient_onehot",
    "ch04_backprop::TwoLayerNet::accuracy_onehot",
    "ch04_backprop::TwoLayerNet::predict_follows_params_update",
    "ch04_backprop::Relu::input_not_modified",
]


class Relu(Relu):
    def forward(self, x):
        self.mask = x <= 0
        return np.max(x, 0)
