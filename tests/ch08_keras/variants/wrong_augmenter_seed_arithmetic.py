"""Gives the layers seed, seed + 1, seed + 2 without a case for None: build_augmenter() (seed=None, the
default) raises TypeError, and so does make_augmented_dataset without a seed."""

FAILS = ["ch08_keras::build_augmenter::without_seed", "ch08_keras::make_augmented_dataset::defaults"]


def build_augmenter(seed=None):
    return keras.Sequential([
        keras.layers.RandomTranslation(0.1, 0.1, fill_mode="constant", seed=seed),
        keras.layers.RandomRotation(0.05, fill_mode="constant", seed=seed + 1),
        keras.layers.RandomZoom(0.1, fill_mode="constant", seed=seed + 2),
    ], name="augmenter")
