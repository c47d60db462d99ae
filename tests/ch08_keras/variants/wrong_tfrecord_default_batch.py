"""read_tfrecord's default batch size is 64, not SPEC's 32."""

FAILS = ["ch08_keras::read_tfrecord::default_batch_size"]

_read_tfrecord = read_tfrecord


def read_tfrecord(path, feature_shape, batch_size=64):
    return _read_tfrecord(path, feature_shape, batch_size=batch_size)
