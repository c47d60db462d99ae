"""TwoLayerNet stores the biases as rows of shape (1, H): broadcasting hides it in forward,
but params and the numerical gradient have the wrong shape."""

FAILS = ["ch04_backprop::TwoLayerNet::params_shapes", "ch04_backprop::TwoLayerNet::numerical_gradient"]

_reference_init = TwoLayerNet.__init__


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=None):
        _reference_init(self, input_size, hidden_size, output_size, weight_init_std, seed)
        self.params["b1"] = np.zeros((1, hidden_size))
        self.params["b2"] = np.zeros((1, output_size))
        self.layers["Affine1"].b = self.params["b1"]
        self.layers["Affine2"].b = self.params["b2"]
