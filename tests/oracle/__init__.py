"""TensorFlow as an oracle for the numpy reference solutions (skipped when TensorFlow is absent).

Each test builds the same computation in the reference (solutions/chNN_*.py) and in TensorFlow,
in float64, and compares the values and the gradients (GradientTape with a random upstream
gradient, as the grader's checks use). Where Keras' formula differs from ours (optimizers), the
test says how and compares after adapting the parameters.
"""
