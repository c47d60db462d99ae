"""Does not pass the seed to the layers: two augmenters with the same seed change images differently."""

FAILS = ["ch08_keras::build_augmenter::same_seed_same_images"]


def build_augmenter(seed=None):
    return keras.Sequential([
        keras.layers.RandomTranslation(0.1, 0.1, fill_mode="constant"),
        keras.layers.RandomRotation(0.05, fill_mode="constant"),
        keras.layers.RandomZoom(0.1, fill_mode="constant"),
    ])
