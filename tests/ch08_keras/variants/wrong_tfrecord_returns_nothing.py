"""write_tfrecord writes every record but forgets to return how many."""

FAILS = ["ch08_keras::write_tfrecord::returns_count"]


def write_tfrecord(path, x, y):
    with tf.io.TFRecordWriter(path) as writer:
        for sample, label in zip(np.asarray(x, dtype=np.float32), y):
            feature = {"x": tf.train.Feature(float_list=tf.train.FloatList(value=sample.ravel())),
                       "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[int(label)]))}
            writer.write(tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString())
