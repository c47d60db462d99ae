"""Flattens each sample "for the MLP": x (N, ...) becomes (N, D), so images lose their shape."""

FAILS = ["ch08_keras::make_dataset::images_and_one_hot_labels"]

_make_dataset = make_dataset


def make_dataset(x, y, batch_size=32, shuffle=True, seed=None):
    x = np.asarray(x)
    return _make_dataset(x.reshape(len(x), -1), y, batch_size=batch_size, shuffle=shuffle, seed=seed)
