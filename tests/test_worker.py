"""The student side of the wire: each request answered with plain data, whatever the code does."""

import numpy as np
import pytest

from autograder.engine.student import LocalTransport, Student, StudentError

SOURCE = """
import numpy as np

class Layer:
    def __init__(self, W):
        self.W = W
    def forward(self, x):
        return x @ self.W

def double(x):
    return 2 * x

def pairs(n):
    return [(i, np.arange(i)) for i in range(n)]
"""


@pytest.fixture
def student():
    return Student(LocalTransport(), "mod", [SOURCE], "mod.py")


def test_objects_keep_references_to_the_arrays_they_were_given(student):
    """Does an in-place write to a stored array reach the layer holding it (params by reference)?"""
    W = student.put(np.eye(2))
    layer = student.new("Layer", W)
    W.assign(3 * np.eye(2))
    assert np.array_equal(layer.call("forward", np.ones((1, 2))), [[3.0, 3.0]])


def test_dict_entries_and_dotted_names(student):
    params = student.put({"W1": np.zeros(3)})
    params["W1"].assign(np.ones(3))
    assert np.array_equal(params.value()["W1"], np.ones(3))
    assert student.call("np.add", 1, 2) == 3


def test_items_lists_an_iterable(student):
    items = student.remote("pairs").keep(3).items()
    assert [i for i, _ in items] == [0, 1, 2] and np.array_equal(items[2][1], [0, 1])
    assert len(student.remote("pairs").keep(50).items(limit=5)) == 5


def test_errors_name_the_call_and_point_into_the_student_file(student):
    with pytest.raises(StudentError) as info:
        student.call("double", "a string", "two")
    text = info.value.describe()
    assert text.startswith("double raised TypeError") and "mod.py" not in text.split("\n")[0]


def test_notebook_cells_load_one_by_one():
    """Does a cell that raises leave the definitions of the other cells in place?"""
    student = Student(LocalTransport(), "nb", ["x = 1", "raise ValueError('cell 2')", "def f():\n    return x"], "nb.ipynb")
    assert [e["type"] for e in student.load_errors] == ["ValueError"]
    assert student.call("f") == 1 and student.import_failure() == ""


def test_tensorflow_tensors_come_back_as_arrays():
    pytest.importorskip("tensorflow")
    student = Student(LocalTransport(), "tfmod", ["import tensorflow as tf\ndef f():\n    return [tf.ones((2,)), tf.Variable(3.0)]"], "tfmod.py")
    values = student.call("f")
    assert isinstance(values[0], np.ndarray) and np.array_equal(values[0], [1.0, 1.0]) and values[1] == 3.0


def test_not_implemented_names_the_missing_function_not_the_caller():
    """A written predict that calls a stubbed forward reports forward as the missing piece."""
    source = ("def forward(x):\n    raise NotImplementedError('forward is not implemented yet')\n"
              "def predict(x):\n    return forward(x)\ndef bare():\n    raise NotImplementedError\n")
    student = Student(LocalTransport(), "stubs", [source], "stubs.py")
    for name, missing, args in (("predict", "forward", (1,)), ("bare", "bare", ())):
        with pytest.raises(StudentError) as info:
            student.call(name, *args)
        assert info.value.describe() == f"{missing} is not implemented yet."


def test_dict_subclasses_arrive_as_plain_dicts():
    student = Student(LocalTransport(), "od", ["import collections\ndef f():\n    return collections.OrderedDict(a=1)"], "od.py")
    assert student.call("f") == {"a": 1} and type(student.call("f")) is dict


def test_error_lines_survive_a_linecache_update_of_the_student_file(student):
    """TensorFlow's AutoGraph calls linecache.updatecache on the file of a function it converts; for
    submitted code, which is not on disk, that drops its lines. Does a later error still quote them?"""
    import linecache

    linecache.updatecache("mod.py")
    with pytest.raises(StudentError) as info:
        student.call("double", None)
    assert any("return 2 * x" in line for line in info.value.where)
