"""Reference Convolution (im2col) forward+backward against tf.nn.conv2d forward+backward on CPU.

Shape (N=32, C=3, 28x28) with 16 filters of 5x5, stride 1, pad 2, float32 and float64. Both run in
this process; the result is a ratio (ours / TensorFlow's median time), target <= 1.5 (float32).
The line ends with the load average: on a busy machine numpy's multi-threaded BLAS slows down far more
than TensorFlow does (threads waiting for each other), so compare ratios measured at similar loads.

    python benchmarks/bench_conv.py
"""

from __future__ import annotations

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


def main() -> None:
    import tensorflow as tf

    from solutions.ch06_cnn import Convolution

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

        t_ours, t_tf = median_seconds(ours), median_seconds(theirs)
        print(f"{np.dtype(dtype).name:8s} numpy im2col {t_ours * 1e3:7.1f} ms   tf.nn.conv2d {t_tf * 1e3:7.1f} ms   "
              f"ratio {t_ours / t_tf:.2f} (target <= 1.5)   load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
