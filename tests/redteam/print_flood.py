"""Prints 20 MB from one function."""

BASE = "solutions"
LOSES = ['ch01_perceptron::XOR::truth_table', 'ch01_perceptron::gates::return_int']

def XOR(x1, x2):
    for _ in range(2000):
        print("x" * 10_000)
    return AND(NAND(x1, x2), OR(x1, x2))
