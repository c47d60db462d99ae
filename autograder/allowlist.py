"""What the sandboxed worker may see of the machine: an allowlist, as bubblewrap mount arguments.

The worker's file system is built from nothing, read-only except its own folder:

    the system's shared libraries    /lib, /lib64, /usr/lib, /usr/lib64, /etc/ld.so.cache
                                     (with every Python site- or dist-packages folder in them masked)
    the interpreter                  its executable, libpython and standard library, at their own paths
                                     (the standard library's site-packages masked)
    /site                            the installed packages the chapter needs (numpy, and TensorFlow
                                     with its dependencies for ch08), one folder per top-level name,
                                     never `solutions` or `autograder`
    /grader                          the worker's modules (worker, protocol, probes, zygote)
    /work                            an empty tmpfs: the working directory, HOME and TMPDIR
    /proc, /dev                      private ones (bwrap's minimal /dev); no /sys, no /tmp, no /run

So a submission cannot read the course (solutions, notebooks, hidden suites, tests, .git), an
nbgrader course folder, another student's files or another clone of the course, wherever they are.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import site
import sys
import sysconfig
from pathlib import Path

ENGINE = Path(__file__).resolve().parent / "engine"
WORKER_FILES = ("worker.py", "protocol.py", "probes.py", "zygote.py")
GRADER_DIR, SITE_DIR, WORK_DIR = "/grader", "/site", "/work"
SYSTEM_LIBRARIES = ("/lib", "/lib64", "/usr/lib", "/usr/lib64")
# Top-level names a dependency may ship that the worker never gets: the course's own packages.
NEVER = {"solutions", "autograder", "tests", "__pycache__", "..", "bin"}
DISTRIBUTIONS = {"tensorflow": ("tensorflow-cpu", "tensorflow")}  # import name -> distribution names


def bwrap_mounts(packages: tuple[str, ...], work_bytes: int) -> list[str]:
    """bubblewrap arguments that build the worker's file system (see the module docstring)."""
    args = []
    for folder in SYSTEM_LIBRARIES:
        if Path(folder).is_dir():
            args += ["--ro-bind", folder, folder]
    if Path("/etc/ld.so.cache").is_file():
        args += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    for path in interpreter_files():
        args += ["--ro-bind", str(path), str(path)]
    for source, name in library_folders(packages):
        args += ["--ro-bind", str(source), f"{SITE_DIR}/{name}"]
    for name in WORKER_FILES:
        args += ["--ro-bind", str(ENGINE / name), f"{GRADER_DIR}/{name}"]
    for folder in masked_folders():
        args += ["--tmpfs", folder, "--remount-ro", folder]
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(work_bytes), "--tmpfs", WORK_DIR]
    return args


@functools.cache
def interpreter_files() -> tuple[Path, ...]:
    """The running interpreter's executable, its libpython and its standard library."""
    stdlib = Path(os.__file__).resolve().parent  # the base interpreter's, also inside a virtualenv
    paths = {Path(sys.executable).resolve(), stdlib}
    libdir = sysconfig.get_config_var("LIBDIR")
    if libdir and Path(libdir).is_dir():
        paths |= {p.resolve() for p in Path(libdir).glob("libpython*.so*")}
    return tuple(sorted(paths))


def masked_folders() -> list[str]:
    """Every Python package folder inside a bound folder: covered by an empty read-only tmpfs."""
    candidates = set(site.getsitepackages()) | {str(Path(os.__file__).parent / "site-packages")}
    for folder in SYSTEM_LIBRARIES:
        root = Path(folder)
        if root.is_dir():
            candidates |= {str(p) for p in root.glob("python3*/*-packages")}
            candidates |= {str(p) for p in root.glob("python3/dist-packages")}
    bound = [Path(f) for f in SYSTEM_LIBRARIES] + list(interpreter_files())
    found = {Path(folder).resolve() for folder in candidates}
    return sorted(str(p) for p in found if p.is_dir() and any(p == b or b in p.parents for b in bound))


@functools.cache
def library_folders(packages: tuple[str, ...]) -> tuple[tuple[Path, str], ...]:
    """(folder or file in site-packages, its name) for every top-level entry of the distributions
    that `packages` need, their dependencies included; a package that is not installed is skipped
    (the submission's import then fails as it would anywhere)."""
    entries: dict[str, Path] = {}
    for dist in _closure(packages):
        for file in dist.files or []:
            top = file.parts[0]
            if top in NEVER or top.endswith((".dist-info", ".egg-info", ".pth", ".egg-link")) or "__editable__" in top:
                continue
            path = Path(dist.locate_file(top)).resolve()
            if path.exists():
                entries.setdefault(top, path)
    return tuple(sorted((path, name) for name, path in entries.items()))


def _closure(packages: tuple[str, ...]) -> list[importlib.metadata.Distribution]:
    """The installed distributions of `packages` and, recursively, of what they require."""
    seen: dict[str, importlib.metadata.Distribution] = {}
    todo = [name for p in packages for name in DISTRIBUTIONS.get(p, (p,))]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        for requirement in dist.requires or []:
            if "extra ==" not in requirement:
                todo.append(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1))
    return list(seen.values())
