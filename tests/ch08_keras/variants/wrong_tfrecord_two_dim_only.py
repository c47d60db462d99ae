"""Reshapes every sample to (height, width) = feature_shape: right for 2-D samples only."""

FAILS = [
    "ch08_keras::read_tfrecord::feature_shapes",
    "ch08_keras::read_tfrecord::default_batch_size",
]


def read_tfrecord(path, feature_shape, batch_size=32):
    height, width = feature_shape[0], feature_shape[-1]
    spec = {"x": tf.io.FixedLenFeature([height * width], tf.float32), "y": tf.io.FixedLenFeature([], tf.int64)}

    def parse(record):
        example = tf.io.parse_single_example(record, spec)
        return tf.reshape(example["x"], (height, width)), example["y"]

    return tf.data.TFRecordDataset(path).map(parse).batch(batch_size).prefetch(tf.data.AUTOTUNE)
