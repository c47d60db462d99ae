"""The book's SoftmaxWithLoss: softmax, then cross_entropy_error with its `+1e-7`; labels turned
into one-hot rows for backward; layers kept in a list; MulLayer/AddLayer returning lists."""

FAILS = []


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.y = softmax(x)
        self.t = t
        self.loss = cross_entropy_error(self.y, t)
        return self.loss

    def backward(self, dout=1):
        n = self.y.shape[0]
        if self.t.size == self.y.size:
            dx = (self.y - self.t) / n
        else:
            dx = self.y.copy()
            dx[np.arange(n), self.t] -= 1
            dx = dx / n
        return dx * dout


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return np.multiply(x, y)

    def backward(self, dout):
        return [np.multiply(dout, self.y), np.multiply(dout, self.x)]


class AddLayer:
    def forward(self, x, y):
        return np.add(x, y)

    def backward(self, dout):
        return [dout * 1, dout * 1]


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.params = {}
        self.params["W1"] = rng.normal(0.0, weight_init_std, size=(input_size, hidden_size))
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = rng.normal(0.0, weight_init_std, size=(hidden_size, output_size))
        self.params["b2"] = np.zeros(output_size)
        self.affine1 = Affine(self.params["W1"], self.params["b1"])
        self.affine2 = Affine(self.params["W2"], self.params["b2"])
        self.layers = [self.affine1, Relu(), self.affine2]
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward()
        for layer in self.layers[::-1]:
            dout = layer.backward(dout)
        return {"W1": self.affine1.dW, "b1": self.affine1.db, "W2": self.affine2.dW, "b2": self.affine2.db}

    def numerical_gradient(self, x, t):
        grads = {}
        for key in ("W1", "b1", "W2", "b2"):
            grads[key] = numerical_gradient(lambda W: self.loss(x, t), self.params[key])
        return grads
