"""Ends its own process as soon as it is loaded."""

BASE = "solutions"
LOSES = 'ALL'

import os

os._exit(0)
