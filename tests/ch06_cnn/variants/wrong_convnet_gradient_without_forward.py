"""SimpleConvNet.gradient starts backward without running the forward pass (self.loss) first:
the layers have nothing saved for this x, t."""

FAILS = [
    "ch06_cnn::SimpleConvNet::gradient",
    "ch06_cnn::SimpleConvNet::gradient_stride_pad",
    "ch06_cnn::SimpleConvNet::gradient_one_hot",
]


class SimpleConvNet(SimpleConvNet):
    def gradient(self, x, t):
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        conv, affine1, affine2 = self.layers["Conv1"], self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": conv.dW, "b1": conv.db, "W2": affine1.dW, "b2": affine1.db, "W3": affine2.dW, "b3": affine2.db}
