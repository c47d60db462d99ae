"""Shuffles once: reshuffle_each_iteration=False gives every epoch the order of the first."""

FAILS = ["ch08_keras::make_dataset::reshuffles_each_epoch"]


def make_dataset(x, y, batch_size=32, shuffle=True, seed=None):
    dataset = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        dataset = dataset.shuffle(len(x), seed=seed, reshuffle_each_iteration=False)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)
