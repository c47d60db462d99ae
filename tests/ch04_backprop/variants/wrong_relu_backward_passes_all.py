"""Relu.backward returns dout unchanged, forgetting to zero the gradient where x <= 0."""

FAILS = [
    "ch04_backprop::Relu::backward",
    "ch04_backprop::Relu::backward_4d",
    "ch04_backprop::TwoLayerNet::gradient",
    "ch04_backprop::TwoLayerNet::gradient_onehot",
    "ch04_backprop::Relu::dout_not_modified",
]


class Relu(Relu):
    def backward(self, dout):
        return dout.copy()
