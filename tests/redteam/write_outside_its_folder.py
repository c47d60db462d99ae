"""Tries to write into the repository, /tmp and the home folder."""

BASE = "solutions"
LOSES = ['ch01_perceptron::XOR::truth_table', 'ch01_perceptron::gates::return_int']

import os


def XOR(x1, x2):
    for path in ("/tmp/redteam-was-here", os.path.expanduser("~/../redteam-was-here"), "/redteam-was-here"):
        with open(path, "w") as handle:
            handle.write("x")
    return AND(NAND(x1, x2), OR(x1, x2))
