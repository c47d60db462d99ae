"""The residual block with its own ReLU masks (np.maximum and boolean masks) instead of the given Relu layers."""

FAILS = []


class ResidualBlock(ResidualBlock):
    def forward(self, x):
        pre1 = self.conv1.forward(x)
        self.mask1 = pre1 > 0
        a = self.conv2.forward(pre1 * self.mask1) + x
        self.mask2 = a > 0
        return np.maximum(a, 0)

    def backward(self, dout):
        da = dout * self.mask2
        dx = self.conv1.backward(self.conv2.backward(da) * self.mask1) + da
        self.dW1, self.db1, self.dW2, self.db2 = self.conv1.dW, self.conv1.db, self.conv2.dW, self.conv2.db
        return dx
