"""Imports the reference solutions instead of writing its own."""

BASE = "exercises"
LOSES = 'ALL'

from solutions.ch01_perceptron import *  # noqa: F403
