"""Allocates 64 GiB in one function."""

BASE = "solutions"
LOSES = ['ch01_perceptron::XOR::truth_table', 'ch01_perceptron::gates::return_int']

def XOR(x1, x2):
    return len(bytearray(64 * 2**30))
