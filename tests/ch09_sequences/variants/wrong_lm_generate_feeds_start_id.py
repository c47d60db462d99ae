"""RnnLM.generate feeds start_id at every step instead of the id it just sampled."""

FAILS = [
    "ch09_sequences::RnnLM::generate_feeds_back",
    "ch09_sequences::RnnLM::generate_starts_from_reset_state",
]


class RnnLM(RnnLM):
    def generate(self, start_id, length, seed=None):
        rng = np.random.default_rng(seed)
        self.reset_state()
        ids = []
        for _ in range(length):
            p = softmax(self.predict(np.array([[start_id]]))[0, -1])
            ids.append(int(rng.choice(len(p), p=p)))
        self.reset_state()
        return ids
