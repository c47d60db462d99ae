"""RnnLM.generate starts from whatever state the last forward left instead of a reset state."""

FAILS = [
    "ch09_sequences::RnnLM::generate_starts_from_reset_state",
]


class RnnLM(RnnLM):
    def generate(self, start_id, length, seed=None):
        rng = np.random.default_rng(seed)
        ids, x = [], start_id
        for _ in range(length):
            p = softmax(self.predict(np.array([[x]]))[0, -1])
            x = int(rng.choice(len(p), p=p))
            ids.append(x)
        return ids
