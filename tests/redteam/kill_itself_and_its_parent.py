"""Kills its parent process (in the namespace: its whole process group), then itself."""

BASE = "solutions"
LOSES = ['ch01_perceptron::XOR::truth_table', 'ch01_perceptron::gates::return_int']

import os
import signal


def XOR(x1, x2):
    try:
        os.kill(os.getppid(), signal.SIGKILL)
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGKILL)
    while True:  # as PID 1 of its namespace it ignores its own SIGKILL: wait for the kill to land
        pass
