"""TwoLayerNet hard-codes a weight scale of 0.01 and ignores `weight_init_std`."""

FAILS = ["ch04_backprop::TwoLayerNet::weight_init_std"]

_reference_init = TwoLayerNet.__init__


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=None):
        _reference_init(self, input_size, hidden_size, output_size, 0.01, seed)
