"""A correct solution that sleeps at import, within the time limit: full marks."""

BASE = "solutions"
LOSES = []

import time

time.sleep(0.5)
