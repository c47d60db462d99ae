"""Affine.forward forgets the bias: out = x2 @ W. Backward is right, but every net result shifts."""

FAILS = [
    "ch04_backprop::Affine::forward",
    "ch04_backprop::Affine::forward_nd_input",
    "ch04_backprop::TwoLayerNet::predict",
    "ch04_backprop::TwoLayerNet::loss",
    "ch04_backprop::TwoLayerNet::accuracy",
    "ch04_backprop::TwoLayerNet::gradient",
    "ch04_backprop::TwoLayerNet::numerical_gradient",
    "ch04_backprop::TwoLayerNet::gradient_onehot",
    "ch04_backprop::TwoLayerNet::accuracy_onehot",
    "ch04_backprop::TwoLayerNet::predict_follows_params_update",
    "ch04_backprop::Affine::input_not_modified",
    "ch04_backprop::Affine::keeps_param_arrays",
]


class Affine(Affine):
    def forward(self, x):
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.W
