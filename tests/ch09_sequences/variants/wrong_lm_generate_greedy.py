"""RnnLM.generate takes the most probable id every time (greedy decoding) instead of sampling."""

FAILS = [
    "ch09_sequences::RnnLM::generate_samples_softmax",
    "ch09_sequences::RnnLM::generate_valid_reproducible",
]


class RnnLM(RnnLM):
    def generate(self, start_id, length, seed=None):
        self.reset_state()
        ids, x = [], start_id
        for _ in range(length):
            x = int(np.argmax(self.predict(np.array([[x]]))[0, -1]))
            ids.append(x)
        self.reset_state()
        return ids
