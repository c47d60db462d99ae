"""Embedding.backward writes dW[idx] = dout: where an id repeats, numpy keeps only the last gradient."""

FAILS = [
    "ch09_sequences::Embedding::backward_repeated_indices",
    "ch09_sequences::Embedding::repeated_calls",
    "ch09_sequences::RnnLM::gradient_gru",
    "ch09_sequences::RnnLM::gradient_lstm",
    "ch09_sequences::RnnLM::gradient_rnn",
]


class Embedding(Embedding):
    def backward(self, dout):
        self.dW = np.zeros_like(self.W)
        self.dW[self.idx] = dout
        return None
