"""Writes garbage into every open file descriptor, the grader's pipe included."""

BASE = "solutions"
LOSES = ['ch01_perceptron::XOR::truth_table', 'ch01_perceptron::gates::return_int']

import os


def XOR(x1, x2):
    for fd in range(3, 64):
        try:
            os.write(fd, b"\xff" * 64)
        except OSError:
            pass
    return AND(NAND(x1, x2), OR(x1, x2))
