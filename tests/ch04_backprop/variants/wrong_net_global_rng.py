"""TwoLayerNet draws its weights from np.random (the global generator), ignoring `seed`."""

FAILS = ["ch04_backprop::TwoLayerNet::init_reproducible"]

_reference_init = TwoLayerNet.__init__


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=None):
        _reference_init(self, input_size, hidden_size, output_size, weight_init_std, seed)
        self.params["W1"][...] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params["W2"][...] = weight_init_std * np.random.randn(hidden_size, output_size)
