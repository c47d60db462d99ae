"""Writes float64 values (FloatList stores them as float32) and labels from a list; reads by
batching the serialized records first and parsing each batch with tf.io.parse_example (the
vectorized parser), then reshaping to (-1, *feature_shape)."""

FAILS = []


def write_tfrecord(path, x, y):
    count = 0
    with tf.io.TFRecordWriter(path) as writer:
        for sample, label in zip(np.asarray(x, dtype=np.float64), list(y)):
            features = tf.train.Features(feature={
                "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),
                "x": tf.train.Feature(float_list=tf.train.FloatList(value=list(sample.reshape(-1)))),
            })
            writer.write(tf.train.Example(features=features).SerializeToString())
            count += 1
    return count


def read_tfrecord(path, feature_shape, batch_size=32):
    shape = list(feature_shape)
    spec = {"x": tf.io.FixedLenFeature(shape, tf.float32), "y": tf.io.FixedLenFeature([], tf.int64)}

    def parse_batch(records):
        examples = tf.io.parse_example(records, spec)
        return tf.reshape(examples["x"], [-1] + shape), examples["y"]

    return tf.data.TFRecordDataset([path]).batch(batch_size).map(parse_batch)
