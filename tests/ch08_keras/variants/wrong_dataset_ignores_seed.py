"""Shuffles without passing the seed on: every dataset has another order."""

FAILS = ["ch08_keras::make_dataset::same_seed_same_order"]


def make_dataset(x, y, batch_size=32, shuffle=True, seed=None):
    dataset = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        dataset = dataset.shuffle(len(x))
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)
