"""Other factors, another layer order, "reflect" filling, one seed for all layers and an Input
layer; the dataset shuffles the pairs (seeded), augments each image on its own before batching
(map on single images, deterministic=False), then batches."""

FAILS = []


def build_augmenter(seed=None):
    return keras.Sequential([
        keras.Input(shape=(None, None, 1)),
        keras.layers.RandomRotation(0.08, fill_mode="reflect", seed=seed),
        keras.layers.RandomZoom((-0.2, 0.1), fill_mode="reflect", seed=seed),
        keras.layers.RandomTranslation(0.15, 0.15, fill_mode="reflect", seed=seed),
    ])


def make_augmented_dataset(x, y, batch_size=32, seed=None):
    augmenter = build_augmenter(seed)

    def augment(image, label):
        return augmenter(image[None], training=True)[0], label

    dataset = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=seed)
    dataset = dataset.map(augment, num_parallel_calls=tf.data.AUTOTUNE, deterministic=False)
    return dataset.batch(batch_size).prefetch(tf.data.AUTOTUNE)
