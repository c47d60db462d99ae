"""RnnLM.generate samples with the global np.random, so the seed changes nothing."""

FAILS = [
    "ch09_sequences::RnnLM::generate_valid_reproducible",
]


class RnnLM(RnnLM):
    def generate(self, start_id, length, seed=None):
        self.reset_state()
        ids, x = [], start_id
        for _ in range(length):
            p = softmax(self.predict(np.array([[x]]))[0, -1])
            x = int(np.random.choice(len(p), p=p))
            ids.append(x)
        self.reset_state()
        return ids
