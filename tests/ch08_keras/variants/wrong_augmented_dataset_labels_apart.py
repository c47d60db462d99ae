"""Shuffles the images and the labels with two different shuffles: labels end up on other images."""

FAILS = [
    "ch08_keras::make_augmented_dataset::labels_with_their_images",
    "ch08_keras::make_augmented_dataset::defaults",
]


def make_augmented_dataset(x, y, batch_size=32, seed=None):
    augmenter = build_augmenter(seed)
    images = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=seed)
    labels = tf.data.Dataset.from_tensor_slices(y).shuffle(len(y), seed=None if seed is None else seed + 1)
    dataset = tf.data.Dataset.zip((images, labels)).batch(batch_size)
    dataset = dataset.map(lambda xb, yb: (augmenter(xb, training=True), yb), num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE)
