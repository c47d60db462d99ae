"""Casts the labels read back to int32 (and the values are right): the contract says int64."""

FAILS = ["ch08_keras::read_tfrecord::dtypes"]


def read_tfrecord(path, feature_shape, batch_size=32):
    spec = {"x": tf.io.FixedLenFeature([int(np.prod(feature_shape))], tf.float32),
            "y": tf.io.FixedLenFeature([], tf.int64)}

    def parse(record):
        example = tf.io.parse_single_example(record, spec)
        return tf.reshape(example["x"], feature_shape), tf.cast(example["y"], tf.int32)

    return tf.data.TFRecordDataset(path).map(parse).batch(batch_size).prefetch(tf.data.AUTOTUNE)
