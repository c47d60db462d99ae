"""A real JupyterLab server on localhost loads the nbgrader extensions and answers their endpoints."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("jupyterlab")
pytest.importorskip("nbgrader")

from autograder.nbgrader_course import init_course, nbgrader_env  # noqa: E402

TOKEN = "course-test-token"
CHAPTER = "ch01_perceptron"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    course = init_course(tmp_path_factory.mktemp("lab") / "course", chapters=[CHAPTER])
    port, log = free_port(), open(course / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={course}", "--ServerApp.port_retries=0",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=course, env={**nbgrader_env(), "HOME": str(course), "JUPYTER_CONFIG_DIR": str(course / ".jupyter")},
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, server)
        yield base, course
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def wait_until_serving(base: str, server, seconds: float = 120) -> None:
    """Poll /api/status until the server answers (it logs its URL before it listens)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            get(base, "/api/status")
            return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"jupyter lab did not start (exit code {server.poll()})")


def get(base: str, path: str):
    request = urllib.request.Request(base + path, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read().decode()


def test_nbgrader_lab_extensions_are_installed(lab):
    base, _ = lab
    status, body = get(base, "/lab/api/extensions")
    names = {extension["name"] for extension in json.loads(body)}
    assert status == 200 and any("nbgrader" in name for name in names), sorted(names)


def test_formgrader_lists_the_course_assignments(lab):
    base, _ = lab
    status, body = get(base, "/formgrader/api/assignments")
    assert status == 200 and CHAPTER in {a["name"] for a in json.loads(body)}
    status, body = get(base, "/formgrader/manage_assignments")
    assert status == 200 and re.search("Manage Assignments", body)


def test_assignment_list_and_version_endpoints_answer(lab):
    base, _ = lab
    import nbgrader

    status, body = get(base, f"/nbgrader_version?version={nbgrader.__version__}")
    assert status == 200 and json.loads(body)["success"] is True
    status, body = get(base, "/assignments?course_id=dlscratch")
    assert status == 200 and json.loads(body)["success"] is True
