"""Reads the reference, the hidden checks and the catalogue from disk (where the grader keeps them) and execs them."""

BASE = "exercises"
LOSES = 'ALL'


for path in ("{ROOT}/solutions/ch01_perceptron.py", "{ROOT}/autograder/suites/hidden/ch01_perceptron.py",
             "{ROOT}/tests/ch01_perceptron/variants/right_loops_and_other_weights.py"):
    try:
        exec(open(path).read())
    except Exception:
        pass
