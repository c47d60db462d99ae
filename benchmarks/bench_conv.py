"""Reference Convolution (im2col) forward+backward against tf.nn.conv2d forward+backward on CPU.

Shape (N=32, C=3, 28x28) with 16 filters of 5x5, stride 1, pad 2, float32 and float64. Both run in
this process; the result is a ratio (ours / TensorFlow's median time), target <= 1.5 (float32).
The line ends with the load average: on a busy machine numpy's multi-threaded BLAS slows down far more
than TensorFlow does (threads waiting for each other), so compare ratios measured at similar loads, or
give both sides one thread with `--threads 1` (numpy's BLAS through threadpoolctl, TensorFlow's
intra- and inter-op pools), which is far less sensitive to other jobs on the machine.

    python benchmarks/bench_conv.py [--threads N]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time

import numpy as np


def median_seconds(fn, repeats: int = 15) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=None, help="threads for numpy's BLAS and for TensorFlow "
                        "(default: each library's own choice)")
    args = parser.parse_args(argv)
    import tensorflow as tf

    from solutions.ch06_cnn import Convolution

    limited = contextlib.nullcontext  # a new context per use: threadpool_limits restores the limits on exit
    if args.threads is not None:
        from threadpoolctl import threadpool_limits

        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
        limited = lambda: threadpool_limits(args.threads)  # noqa: E731

    rng = np.random.default_rng(0)
    for dtype in (np.float32, np.float64):
        x = rng.normal(size=(32, 3, 28, 28)).astype(dtype)
        W = (0.1 * rng.normal(size=(16, 3, 5, 5))).astype(dtype)
        b = np.zeros(16, dtype)
        dout = rng.normal(size=(32, 16, 28, 28)).astype(dtype)
        layer = Convolution(W, b, stride=1, pad=2)

        def ours():
            layer.forward(x)
            layer.backward(dout)

        x_tf = tf.constant(x.transpose(0, 2, 3, 1))
        W_tf = tf.Variable(W.transpose(2, 3, 1, 0))
        dout_tf = tf.constant(dout.transpose(0, 2, 3, 1))

        def theirs():
            with tf.GradientTape() as tape:
                tape.watch(x_tf)
                out = tf.nn.conv2d(x_tf, W_tf, strides=1, padding=[[0, 0], [2, 2], [2, 2], [0, 0]])
            tape.gradient(out, [x_tf, W_tf], output_gradients=dout_tf)

        with limited():
            t_ours = median_seconds(ours)
        t_tf = median_seconds(theirs)
        print(f"{np.dtype(dtype).name:8s} numpy im2col {t_ours * 1e3:7.1f} ms   tf.nn.conv2d {t_tf * 1e3:7.1f} ms   "
              f"ratio {t_ours / t_tf:.2f} (target <= 1.5)   load average {os.getloadavg()[0]:.1f}"
              + ("" if args.threads is None else f"   {args.threads} thread(s)"))


if __name__ == "__main__":
    main()
