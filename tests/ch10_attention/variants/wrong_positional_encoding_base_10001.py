"""positional_encoding with the base 10001 instead of 10000 (the mutant of benchmarks/README.md): the angles differ by
a relative (2i/D) * 1e-4, invisible for short sequences, 211 times the allowed error at T = 100, D = 32."""

FAILS = [
    "ch10_attention::positional_encoding::long_sequence",
]


def positional_encoding(T, D):
    angle = np.arange(T)[:, None] / 10001.0 ** (np.arange(0, D, 2) / D)
    pe = np.empty((T, D))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return pe
