"""SimpleConvNet defaults to weight_init_std=1.0 (plain standard normal weights) instead of SPEC's 0.01."""

FAILS = [
    "ch06_cnn::SimpleConvNet::defaults",
]


class SimpleConvNet(SimpleConvNet):
    def __init__(self, input_dim=(1, 28, 28), conv_param={"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1},
                 hidden_size=100, output_size=10, weight_init_std=1.0, seed=None):
        super().__init__(input_dim, conv_param, hidden_size, output_size, weight_init_std, seed)
