"""Ships numpy.py and conftest.py beside the chapter, hoping they get imported."""

BASE = "solutions"
LOSES = []

EXTRA_FILES = {
    "numpy.py": "raise SystemExit('shadowed numpy imported')\n",
    "conftest.py": "import os\nos._exit(3)\n",
    "sitecustomize.py": "import os\nos._exit(4)\n",
}
