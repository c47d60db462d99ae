"""Stores the label as a float feature and reads it back as a float cast to int64: its own round
trip works, but the file is not the format the contract names ("y" an int64 feature), so another
reader cannot parse it."""

FAILS = ["ch08_keras::write_tfrecord::example_format"]


def write_tfrecord(path, x, y):
    x = np.asarray(x, dtype=np.float32)
    with tf.io.TFRecordWriter(path) as writer:
        for sample, label in zip(x, y):
            feature = {"x": tf.train.Feature(float_list=tf.train.FloatList(value=sample.ravel())),
                       "y": tf.train.Feature(float_list=tf.train.FloatList(value=[float(label)]))}
            writer.write(tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString())
    return len(x)


def read_tfrecord(path, feature_shape, batch_size=32):
    spec = {"x": tf.io.FixedLenFeature([int(np.prod(feature_shape))], tf.float32),
            "y": tf.io.FixedLenFeature([], tf.float32)}

    def parse(record):
        example = tf.io.parse_single_example(record, spec)
        return tf.reshape(example["x"], feature_shape), tf.cast(example["y"], tf.int64)

    return tf.data.TFRecordDataset(path).map(parse).batch(batch_size)
