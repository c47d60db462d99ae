"""Quiet by default (issue 15, seen 5): no TensorFlow log lines in `grade`, no SAWarning from nbgrader;
`--verbose` shows them."""

import subprocess
import sys
import warnings

import pytest

from autograder.engine.course import ROOT

TF_NOISE = ("oneDNN", "absl::InitializeLog", "cpu_feature_guard", "I0000")


def test_grade_of_a_tensorflow_chapter_prints_no_tensorflow_logs():
    pytest.importorskip("tensorflow")
    quiet = subprocess.run([sys.executable, "-m", "autograder", "grade", str(ROOT / "solutions" / "ch08_keras.py")],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert quiet.returncode == 0, quiet.stderr[-2000:]
    assert "ch08_keras" in quiet.stdout
    assert not any(noise in quiet.stderr + quiet.stdout for noise in TF_NOISE), quiet.stderr
    assert quiet.stderr == ""


def test_verbose_shows_what_quiet_hides():
    pytest.importorskip("tensorflow")
    from autograder import quiet

    script = ("import sys; from autograder.quiet import import_quietly, set_verbose; "
              "set_verbose(sys.argv[1] == 'on'); import_quietly('tensorflow')")
    runs = {mode: subprocess.run([sys.executable, "-c", script, mode], cwd=ROOT, capture_output=True, text=True,
                                 timeout=600, env={**__import__("os").environ, quiet.VERBOSE_ENV: ""})
            for mode in ("on", "off")}
    assert runs["off"].returncode == 0 and runs["off"].stderr == "", runs["off"].stderr
    assert runs["on"].returncode == 0 and any(noise in runs["on"].stderr for noise in TF_NOISE), runs["on"].stderr


def test_nbgrader_sqlalchemy_warnings_are_filtered_unless_verbose(monkeypatch):
    sqlalchemy_exc = pytest.importorskip("sqlalchemy.exc")
    from autograder import quiet
    import inspect

    from autograder.nbgrader_course import CONFIG
    from autograder.nbgrader_plugin import configure

    assert "configure(" in CONFIG and "quiet_nbgrader_warnings()" in inspect.getsource(configure)  # every command runs it
    monkeypatch.delenv(quiet.VERBOSE_ENV, raising=False)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        quiet.quiet_nbgrader_warnings()
        warnings.warn("relationship 'X' will copy column y", sqlalchemy_exc.SAWarning)
    assert seen == []
    monkeypatch.setenv(quiet.VERBOSE_ENV, "1")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        quiet.quiet_nbgrader_warnings()
        warnings.warn("relationship 'X' will copy column y", sqlalchemy_exc.SAWarning)
    assert len(seen) == 1
