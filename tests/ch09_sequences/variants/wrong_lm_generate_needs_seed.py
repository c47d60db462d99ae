"""RnnLM.generate(self, start_id, length, seed) has no default seed: generate(start_id, length) raises TypeError."""

FAILS = [
    "ch09_sequences::RnnLM::defaults",
]


class RnnLM(RnnLM):
    def generate(self, start_id, length, seed):
        return super().generate(start_id, length, seed)
