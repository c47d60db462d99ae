"""Random layers with factors 0: no translation, rotation or zoom at all, so nothing is augmented."""

FAILS = [
    "ch08_keras::build_augmenter::changes_images_in_training",
    "ch08_keras::build_augmenter::same_seed_same_images",
    "ch08_keras::make_augmented_dataset::augments_each_epoch",
    "ch08_keras::build_augmenter::without_seed",
    "ch08_keras::make_augmented_dataset::defaults",
]


def build_augmenter(seed=None):
    return keras.Sequential([
        keras.layers.RandomTranslation(0.0, 0.0, seed=seed),
        keras.layers.RandomRotation(0.0, seed=seed),
        keras.layers.RandomZoom(0.0, seed=seed),
    ])
