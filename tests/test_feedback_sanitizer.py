"""`feedback_sanitizer.SanitizeFeedback`: student Markdown and outputs are not live in the feedback HTML.

Rendered with nbgrader's own feedback template (as `nbgrader generate_feedback` configures
nbconvert's HTMLExporter); the end-to-end run with the real nbgrader is in test_nbgrader.py.
"""

import os

import pytest

pytest.importorskip("nh3")
nbgrader = pytest.importorskip("nbgrader")

from nbconvert.exporters import HTMLExporter  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell  # noqa: E402
from traitlets.config import Config  # noqa: E402

from autograder.feedback_sanitizer import (  # noqa: E402
    FEEDBACK_PREPROCESSORS, SanitizeFeedback, clean_html, clean_svg, safe_markdown,
)
from autograder.nbgrader_plugin import feedback  # noqa: E402
from autograder.engine.results import Result, Results  # noqa: E402
from tests.live_html import live_content  # noqa: E402

HOSTILE_MARKDOWN = ("# My answer\n\nSome **bold** words.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                    "[x](javascript:alert(1))\n\n![chart](attachment:evil.png)\n")
HOSTILE_OUTPUTS = [
    new_output("display_data", data={"text/html": "<b>table</b><script>alert(1)</script>", "text/plain": "table"}),
    new_output("display_data", data={"application/javascript": "alert(1)"}),
    new_output("display_data", data={"text/markdown": "[y](javascript:alert(1)) <img src=x onerror=alert(1)>"}),
    new_output("display_data", data={"image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                                                      '<script>alert(1)</script><circle r="3"/></svg>'}),
    new_output("display_data", data={"image/png": 'AAAA" onerror="alert(1)'}),
    new_output("display_data", data={"image/png": "iVBORw0KGgo="},
               metadata={"image/png": {"width": "1 onerror=alert(1)", "height": 20}}),
    new_output("display_data", data={"text/html": "<p>x</p>"}, metadata={"text/html": {"isolated": True}}),
]


def render_feedback(nb, sanitize: bool) -> str:
    """nbgrader's feedback page for `nb`, configured as GenerateFeedback configures HTMLExporter."""
    formgrader = os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader")
    config = Config()
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [os.path.join(formgrader, "templates")]
    config.HTMLExporter.extra_template_paths = [os.path.join(formgrader, "static", "node_modules", "bootstrap", "dist", "css")]
    exporter = HTMLExporter(config=config)
    if sanitize:
        exporter.register_preprocessor(SanitizeFeedback, enabled=True)
    resources = {"nbgrader": {"notebook": "ch01_perceptron", "score": 1, "max_score": 3, "late_penalty": 0}}
    return exporter.from_notebook_node(nb, resources=resources)[0]


def grade_cell(text: str):
    cell = new_code_cell("# XOR: graded by the course autograder", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "ch01_perceptron-grade-XOR", "points": 2,
        "score": 0}})
    cell.outputs = [new_output("stream", name="stdout", text=text),
                    new_output("execute_result", data={"text/plain": "0"}, execution_count=None)]
    return cell


def hostile_notebook(grade_text: str):
    markdown = new_markdown_cell(HOSTILE_MARKDOWN)
    markdown.attachments = {"evil.png": {"text/html": "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="}}
    return new_notebook(cells=[
        markdown,
        new_markdown_cell("answer", metadata={"nbgrader": {"solution": True, "grade": False, "grade_id": 'x"><script>alert(1)</script>',
                                                           "comment": "<img src=x onerror=alert(1)>"}}),
        new_code_cell("show()", outputs=[new_output(o.output_type, data=dict(o.data), metadata=dict(o.get("metadata", {})))
                                         for o in HOSTILE_OUTPUTS]),
        new_raw_cell("<script>alert(1)</script>raw", metadata={"raw_mimetype": "text/html"}),
        grade_cell(grade_text),
    ])


GRADE_TEXT = feedback("XOR", Results([Result("ch01_perceptron::XOR::truth_table", "ch01_perceptron", 0, 2, "failed",
                                             "XOR(1, 1) should be 0, got 1.\nHint: XOR = AND(NAND(x1, x2), OR(x1, x2))")]))


def test_the_hostile_notebook_is_live_without_the_sanitizer():
    """The checker finds the attacks when nothing sanitizes (so its silence below means something)."""
    found = " ".join(live_content(render_feedback(hostile_notebook(GRADE_TEXT), sanitize=False)))
    for attack in ("<script", "onerror=alert(1)", "javascript:alert(1)"):
        assert attack in found


def test_feedback_has_no_live_student_content_and_keeps_the_grade_text():
    page = render_feedback(hostile_notebook(GRADE_TEXT), sanitize=True)
    assert live_content(page) == []
    assert "alert(1)" not in page
    assert "XOR: 0 / 2 points" in page and "Hint: XOR = AND(NAND(x1, x2), OR(x1, x2))" in page
    assert "<strong>bold</strong>" in page and "<b>table</b>" in page


def test_grade_cell_outputs_are_left_exactly_as_they_are():
    nb = hostile_notebook(GRADE_TEXT)
    before = nb.cells[-1].outputs
    SanitizeFeedback().preprocess(nb, {})
    assert nb.cells[-1].outputs == before and nb.cells[-1].outputs[0].text == GRADE_TEXT


def test_outputs_are_sanitized_or_dropped():
    nb = hostile_notebook(GRADE_TEXT)
    SanitizeFeedback().preprocess(nb, {})
    html, js, markdown, svg, bad_png, png, isolated = nb.cells[2].outputs
    assert html.data == {"text/html": "<b>table</b>", "text/plain": "table"}
    assert js.data == {"text/plain": "(application/javascript output not shown in the feedback)"}
    assert markdown.data == {"text/markdown": '<div class="sanitized-markdown"><p><a rel="noopener noreferrer">y</a> '
                                              '<img src="x"></p>&#10;</div>'}
    assert svg.data == {"image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg" '
                                         'xmlns:xlink="http://www.w3.org/1999/xlink"><circle r="3"></circle></svg>'}
    assert bad_png.data == {"text/plain": "(image/png output not shown in the feedback)"}
    assert png.data == {"image/png": "iVBORw0KGgo="} and png.metadata == {"image/png": {"height": 20}}
    assert isolated.data == {"text/html": "<p>x</p>"} and isolated.metadata == {}


def test_markdown_cells_comments_ids_and_raw_cells():
    nb = hostile_notebook(GRADE_TEXT)
    SanitizeFeedback().preprocess(nb, {})
    first, answer = nb.cells[0], nb.cells[1]
    assert first.source == ('<div class="sanitized-markdown"><h1>My answer<a class="anchor-link" href="#My-answer" '
                            'rel="noopener noreferrer">¶</a></h1><p>Some <strong>bold</strong> words.</p>&#10;'
                            '&#10;&#10;<img src="x">&#10;&#10;<p><a rel="noopener noreferrer">x</a></p>&#10;'
                            '<p><img alt="chart"></p>&#10;</div>')
    assert "attachments" not in first
    assert answer.metadata.nbgrader.grade_id == "x___script_alert_1___script_"
    assert answer.metadata.nbgrader.comment == '<div class="sanitized-markdown"><img src="x">&#10;&#10;</div>'
    assert nb.cells[3].source == "raw"


@pytest.mark.parametrize("hostile, safe", [
    pytest.param("<script>alert(1)</script>ok", "ok", id="script"),
    pytest.param("<img src=x onerror=alert(1)>", '<img src="x">', id="onerror"),
    pytest.param('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>', id="javascript-url"),
    pytest.param('<a href=" JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>', id="javascript-url-case"),
    pytest.param('<a href="jav&#x09;ascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>', id="javascript-url-tab"),
    pytest.param('<p onclick="alert(1)" style="position:fixed">p</p>', "<p>p</p>", id="handler-and-style"),
    pytest.param('<iframe src="javascript:alert(1)"></iframe>f', "f", id="iframe"),
    pytest.param('<object data="x.swf"></object><embed src="x">', "", id="object-embed"),
    pytest.param('<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>', "b",
                 id="form"),
    pytest.param("<svg onload=alert(1)><circle r=1 /></svg>", "", id="inline-svg"),
    pytest.param('<math><mtext><a href="javascript:alert(1)">m</a></mtext></math>', "", id="mathml"),
    pytest.param('<div class="panel pull-right">Score: 10 / 10</div>', '<div class="">Score: 10 / 10</div>',
                 id="no-template-classes"),
    pytest.param('<img src="data:text/html;base64,PHNjcmlwdD4=">', "<img>", id="data-html-image"),
    pytest.param('<a href="data:text/html,x">d</a>', '<a rel="noopener noreferrer">d</a>', id="data-link"),
    pytest.param('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "", id="meta-refresh"),
    pytest.param('<base href="https://evil.example/">', "", id="base"),
    pytest.param('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
                 '&lt;p title="<img src="x">"&gt;', id="noscript-mutation"),
    pytest.param("<!-- <script>alert(1)</script> -->c", "c", id="comment"),
    pytest.param('<img src="data:image/png;base64,iVBORw0KGgo=">', '<img src="data:image/png;base64,iVBORw0KGgo=">',
                 id="data-png-kept"),
    pytest.param('<a href="https://example.org/?a=1&b=2">ok</a>',
                 '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">ok</a>', id="https-kept"),
    pytest.param('<span class="n">x</span><span class="o">=</span>', '<span class="n">x</span><span class="o">=</span>',
                 id="highlight-classes-kept"),
])
def test_clean_html(hostile, safe):
    assert clean_html(hostile) == safe


@pytest.mark.parametrize("hostile, safe", [
    pytest.param("<script>alert(1)</script>", '<div class="sanitized-markdown">&#10;&#10;</div>', id="script"),
    pytest.param("[x](javascript:alert(1))", '<div class="sanitized-markdown"><p><a rel="noopener noreferrer">x</a></p>&#10;</div>',
                 id="javascript-link"),
    pytest.param("```\n<script>\n\nalert(1)\n```",
                 '<div class="sanitized-markdown"><pre><code>&lt;script&gt;&#10;&#10;alert(1)&#10;</code></pre>&#10;</div>',
                 id="code-block-with-blank-line-stays-one-block"),
    pytest.param("*em* `a<b` $x<y$", '<div class="sanitized-markdown"><p><em>em</em> <code>a&lt;b</code> $x&lt;y$</p>&#10;</div>',
                 id="markdown-and-math-readable"),
])
def test_safe_markdown(hostile, safe):
    assert safe_markdown(hostile) == safe


def test_markdown_attachment_images_stay_and_others_go():
    png = {"p.png": {"image/png": "iVBORw0KGgo="}}
    assert safe_markdown("![a](attachment:p.png)", png) == (
        '<div class="sanitized-markdown"><p><img src="data:image/png;base64,iVBORw0KGgo=" alt="a"></p>&#10;</div>')
    html = {"p.png": {"text/html": "PHNjcmlwdD4="}}
    assert safe_markdown("![a](attachment:p.png)", html) == '<div class="sanitized-markdown"><p><img alt="a"></p>&#10;</div>'


def test_svg_keeps_the_drawing_and_loses_everything_active():
    hostile = ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
               '<a href="javascript:alert(3)"><text x="1">t</text></a><use xlink:href="https://evil.example/x.svg#a"/>'
               '<use href="#ok"/><animate attributeName="href" to="javascript:alert(4)"/>'
               '<set attributeName="onclick" to="alert(5)"/><foreignObject><iframe src="javascript:alert(6)"></iframe>'
               '</foreignObject><circle r="2" style="fill:url(https://evil.example/x)" onclick="alert(7)"/>'
               '<rect width="1" style="fill:red"/><image href="https://evil.example/x.png"/></svg>')
    assert clean_svg(hostile) == (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><text x="1">t</text>'
        '<use></use><use href="#ok"></use><circle r="2"></circle><rect width="1" style="fill:red"></rect></svg>')


def test_a_matplotlib_figure_survives_as_a_valid_svg_document():
    import io
    import xml.etree.ElementTree as ET

    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([1, 2, 3], [1, 4, 9], "o-")
    ax.set_title("loss\u00a0curve")
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    cleaned = clean_svg(buffer.getvalue())
    root = ET.fromstring(cleaned)  # still XML, as the template embeds it as an image
    uses = root.findall(".//{http://www.w3.org/2000/svg}use")
    assert uses and all(u.get("{http://www.w3.org/1999/xlink}href", "").startswith("#") for u in uses)
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 10


def test_configured_list_is_nbgraders_with_the_sanitizer_after_get_grades():
    from nbgrader.converters import GenerateFeedback

    default = GenerateFeedback.class_traits()["preprocessors"].default()
    assert FEEDBACK_PREPROCESSORS == [default[0], SanitizeFeedback, *default[1:]]


@pytest.mark.parametrize("which", ["repository", "course"])
def test_both_nbgrader_configs_sanitize_feedback_and_export(which, tmp_path):
    """The repository's nbgrader_config.py and the one `course init` writes, read as nbgrader reads them."""
    from traitlets.config.loader import PyFileConfigLoader

    from autograder.engine.course import ROOT
    from autograder.nbgrader_course import CONFIG
    from autograder.nbgrader_export import SafeCsvExport

    path = ROOT / "nbgrader_config.py"
    if which == "course":
        path = tmp_path / "nbgrader_config.py"
        path.write_text(CONFIG.format(exchange=str(tmp_path / "exchange")))
    config = PyFileConfigLoader(path.name, str(path.parent)).load_config()
    assert config.GenerateFeedback.preprocessors == FEEDBACK_PREPROCESSORS
    assert config.ExportApp.plugin_class is SafeCsvExport
