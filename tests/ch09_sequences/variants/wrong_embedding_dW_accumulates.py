"""Embedding makes dW once and adds into it at every backward without zeroing it first: right for the first backward."""

FAILS = [
    "ch09_sequences::Embedding::repeated_calls",
]


class Embedding(Embedding):
    def backward(self, dout):
        if self.dW is None:
            self.dW = np.zeros_like(self.W)
        np.add.at(self.dW, self.idx, dout)
        return None
