"""Calls sys.exit from one function."""

BASE = "solutions"
LOSES = ['ch01_perceptron::XOR::truth_table', 'ch01_perceptron::gates::return_int']

import sys


def XOR(x1, x2):
    sys.exit(0)
