"""Drops the last, smaller batch: samples are lost when the batch size does not divide the count."""

FAILS = [
    "ch08_keras::read_tfrecord::last_batch_smaller",
    "ch08_keras::read_tfrecord::default_batch_size",
]


def read_tfrecord(path, feature_shape, batch_size=32):
    spec = {"x": tf.io.FixedLenFeature([int(np.prod(feature_shape))], tf.float32),
            "y": tf.io.FixedLenFeature([], tf.int64)}

    def parse(record):
        example = tf.io.parse_single_example(record, spec)
        return tf.reshape(example["x"], feature_shape), example["y"]

    return tf.data.TFRecordDataset(path).map(parse).batch(batch_size, drop_remainder=True)
