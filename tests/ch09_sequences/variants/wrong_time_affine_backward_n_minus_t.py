"""TimeAffine.backward reshapes xs to (N - T, D) rows instead of (N * T, D) (the mutant of benchmarks/README.md): right
whenever N - T == -1, which numpy reads as "infer", as in the public checks' N = 2, T = 3."""

FAILS = [
    "ch09_sequences::TimeAffine::other_shapes",
]


class TimeAffine(TimeAffine):
    def backward(self, dout):
        N, T, D = self.xs.shape
        d2 = dout.reshape(N * T, -1)
        self.dW = self.xs.reshape(N - T, D).T @ d2
        self.db = np.sum(d2, axis=0)
        return (d2 @ self.W.T).reshape(N, T, D)
