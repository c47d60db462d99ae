"""A correct solution that also patches numpy: it keeps exactly its honest points."""

BASE = "solutions"
LOSES = []

import numpy
numpy.allclose = lambda *a, **k: True
