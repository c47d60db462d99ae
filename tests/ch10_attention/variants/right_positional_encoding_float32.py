"""positional_encoding computed in float32 throughout, with the frequencies as exp(-2i ln(10000) / D): within the
contract's tolerance at every size the checks use (at T = 100, D = 32: 0.7 of the allowed error)."""

FAILS = []


def positional_encoding(T, D):
    freq = np.exp(np.arange(0, D, 2, dtype=np.float32) * np.float32(-np.log(10000.0) / D))
    angle = np.arange(T, dtype=np.float32)[:, None] * freq
    pe = np.zeros((T, D), dtype=np.float32)
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return pe
