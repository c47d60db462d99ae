"""Adds RandomFlip("horizontal"), as for photos: a mirrored digit is not the same digit."""

FAILS = ["ch08_keras::build_augmenter::random_image_layers"]


def build_augmenter(seed=None):
    seeds = [None] * 4 if seed is None else [seed + i for i in range(4)]
    return keras.Sequential([
        keras.layers.RandomFlip("horizontal", seed=seeds[3]),
        keras.layers.RandomTranslation(0.1, 0.1, fill_mode="constant", seed=seeds[0]),
        keras.layers.RandomRotation(0.05, fill_mode="constant", seed=seeds[1]),
        keras.layers.RandomZoom(0.1, fill_mode="constant", seed=seeds[2]),
    ])
