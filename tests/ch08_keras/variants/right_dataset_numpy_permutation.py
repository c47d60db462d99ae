"""Shuffles with numpy: a seeded generator per dataset draws a new permutation each epoch, fed
through Dataset.from_generator (another order than tf.data's shuffle, which a check may not
assume); x is cast to float32."""

FAILS = []


def make_dataset(x, y, batch_size=32, shuffle=True, seed=None):
    x, y = np.asarray(x, dtype=np.float32), np.asarray(y)
    rng = np.random.default_rng(seed)

    def batches():
        order = rng.permutation(len(x)) if shuffle else np.arange(len(x))
        for start in range(0, len(x), batch_size):
            index = order[start:start + batch_size]
            yield x[index], y[index]

    spec = (tf.TensorSpec((None,) + x.shape[1:], tf.float32), tf.TensorSpec((None,) + y.shape[1:], tf.as_dtype(y.dtype)))
    return tf.data.Dataset.from_generator(batches, output_signature=spec).prefetch(tf.data.AUTOTUNE)
