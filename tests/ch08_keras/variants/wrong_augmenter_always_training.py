"""The augmenter forces training=True in its call: it also changes the images at inference."""

FAILS = [
    "ch08_keras::build_augmenter::inference_identity",
    "ch08_keras::build_augmenter::without_seed",
]


class AlwaysAugment(keras.Sequential):
    def call(self, inputs, training=None, mask=None):
        return super().call(inputs, training=True)


def build_augmenter(seed=None):
    seeds = [None] * 3 if seed is None else [seed, seed + 1, seed + 2]
    return AlwaysAugment([
        keras.layers.RandomTranslation(0.1, 0.1, fill_mode="constant", seed=seeds[0]),
        keras.layers.RandomRotation(0.05, fill_mode="constant", seed=seeds[1]),
        keras.layers.RandomZoom(0.1, fill_mode="constant", seed=seeds[2]),
    ])
