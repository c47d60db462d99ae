"""TwoLayerNet.accuracy returns the number of correct samples, not the fraction."""

FAILS = ["ch04_backprop::TwoLayerNet::accuracy", "ch04_backprop::TwoLayerNet::accuracy_onehot"]


class TwoLayerNet(TwoLayerNet):
    def accuracy(self, x, t):
        t = np.asarray(t)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return int(np.sum(np.argmax(self.predict(x), axis=1) == t))
