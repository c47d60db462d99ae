"""nbgrader feedback without live student content: `SanitizeFeedback`, a preprocessor of
`nbgrader generate_feedback`.

The feedback HTML shows the student's notebook: Markdown cells (rendered with their raw HTML,
`javascript:` links and attachments) and code-cell outputs (`text/html` as is,
`application/javascript` inside a `<script>`). nbgrader's feedback template renders Markdown
with no sanitizing, so a student's `<script>` or `<img onerror=...>` would run in the browser of
whoever opens the page. `SanitizeFeedback` rewrites the autograded notebook before the HTML
template sees it; everything it writes is sanitized with nh3 (the Rust `ammonia` allowlist
sanitizer), so no `<script>`, no `on*` handler, no `javascript:` (or other non-http) URL and no
`style` survive:

- Markdown cells, the nbgrader comment of a cell, and `text/markdown` outputs: rendered to HTML
  exactly as nbconvert would (same renderer, same attachments), sanitized, and written back as one
  line of HTML in a `<div>`, which Markdown passes through untouched (newlines become `&#10;`, so
  the block cannot end early and nothing in it is read as Markdown again). Attachments become
  `data:` images inside that HTML (raster or SVG, base64 only) and are then removed from the cell.
- `text/html` outputs and raw cells: sanitized. Classes are kept only where nbconvert writes them
  (code highlighting, heading anchors), so a student cannot dress text up as a grade panel.
- `image/svg+xml` outputs: sanitized against an SVG allowlist (shapes, text, gradients, clip
  paths, `use` of same-document `#` references only; no script, `foreignObject`, `animate` or
  `set`), and still a standalone SVG document, as the template embeds it as an image.
- `image/png` and `image/jpeg` outputs: kept when they are base64, their metadata cut down to a
  numeric width and height. `text/plain`, `text/latex`, streams and errors are kept: the template
  escapes them (MathJax renders LaTeX with its `Safe` extension, which refuses `javascript:`).
- Every other output type is dropped (`application/javascript`, widget views, PDF, JSON, ...), with
  a `text/plain` line saying so when nothing is left to show; the notebook's widget state is dropped.
- `execution_count` must be an integer, a cell's nbgrader `grade_id` letters, digits, `_` and `-`:
  the template writes both into the page unescaped.

Our own grade cells carry their feedback as `stdout` text and their points as `text/plain`
(see `nbgrader_plugin.TrustedGrade`): both are left exactly as they are.

Configured in the course's nbgrader_config.py (written by `autograder.nbgrader_course`) and in
the repository's one: `c.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS`, which is
nbgrader's own list (`GetGrades`, `CSSHTMLHeaderPreprocessor`) with `SanitizeFeedback` after
`GetGrades`, so the comments `GetGrades` copies from the gradebook are sanitized too. nh3 is part of
the `instructor` extra; without it, `generate_feedback` stops with an error instead of writing
unsanitized pages.
"""

from __future__ import annotations

import base64
import binascii
import html
import re

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor

MARKDOWN_CLASS = "sanitized-markdown"
HTML_URL_SCHEMES = {"http", "https", "mailto", "data"}  # data: only for images, see _html_attribute
IMAGE_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*", re.IGNORECASE)
BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
KEPT_OUTPUT_TYPES = ("text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png",
                     "image/jpeg")
SVG_TAGS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "clipPath", "clippath", "mask", "marker", "pattern",
    "linearGradient", "lineargradient", "radialGradient", "radialgradient", "stop",
}
SVG_ATTRIBUTES = {
    "id", "class", "style", "transform", "d", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry",
    "dx", "dy", "width", "height", "points", "viewBox", "viewbox", "preserveAspectRatio", "version",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity", "color",
    "clip-path", "clip-rule", "clipPathUnits", "mask", "marker-start", "marker-mid", "marker-end",
    "font-family", "font-size", "font-style", "font-weight", "text-anchor", "dominant-baseline",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "fx", "fy",
    "patternUnits", "patternTransform", "markerWidth", "markerHeight", "refX", "refY", "orient",
    "href", "xlink:href",
}
SVG_NAMESPACES = {"xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink"}


def _nh3():
    try:
        import nh3
    except ImportError:  # never write feedback without sanitizing it
        raise RuntimeError("SanitizeFeedback needs nh3: pip install -e '.[instructor]' (or pip install nh3)") from None
    return nh3


def _highlight_classes() -> set[str]:
    """The classes nbconvert's renderer writes: pygments token classes, `highlight`, heading anchors."""
    from pygments.token import STANDARD_TYPES

    return {c for c in STANDARD_TYPES.values() if c}


def _html_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: a `data:` URL only as an image's source, and only a base64 image."""
    if value.strip().lower().startswith("data:"):
        return value if tag == "img" and attribute == "src" and IMAGE_DATA.fullmatch(value.strip()) else None
    return value


def _svg_attribute(tag: str, attribute: str, value: str) -> str | None:
    """In SVG, links point into the same document only; styles fetch nothing (`url(#id)` only)."""
    if attribute in ("href", "xlink:href"):
        return value if value.strip().startswith("#") else None
    if re.search(r"url\s*\(\s*['\"]?\s*(?!#)|expression\s*\(|@import", value, re.IGNORECASE):
        return None
    return value


def clean_html(text: str) -> str:
    """Student HTML without anything active: nh3's allowlist (no script, style, on* handler or
    javascript: URL), classes only as nbconvert writes them, data: URLs only for base64 images."""
    nh3 = _nh3()
    highlight = _highlight_classes()
    return nh3.clean(
        str(text),
        attributes={**nh3.ALLOWED_ATTRIBUTES, "*": {"title"}},
        allowed_classes={"div": {"highlight"}, "span": highlight, "a": {"anchor-link"}, "pre": {"mermaid"}},
        attribute_filter=_html_attribute,
        url_schemes=HTML_URL_SCHEMES,
    )


def clean_svg(text: str) -> str:
    """A student SVG image without script, handlers, animation or outside references, still a
    standalone SVG document."""
    nh3 = _nh3()
    cleaned = nh3.clean(
        str(text),
        tags=SVG_TAGS,
        attributes={tag: SVG_ATTRIBUTES for tag in SVG_TAGS},
        attribute_filter=_svg_attribute,
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )
    # The namespaces every <svg> needs as a standalone document (added here, in a fixed order),
    # and no &nbsp;, which XML does not know.
    cleaned = re.sub(r"<svg\b", "<svg " + " ".join(f'{k}="{v}"' for k, v in SVG_NAMESPACES.items()), cleaned)
    return cleaned.replace("&nbsp;", "&#160;").strip()


def render_markdown(source: str, attachments: dict | None = None) -> str:
    """Markdown to HTML as nbconvert's HTMLExporter renders it (its renderer, attachments inlined)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    images = {name: {mime: value for mime, value in (bundle or {}).items()
                     if isinstance(value, str) and BASE64.fullmatch(value)}
              for name, bundle in (attachments or {}).items() if isinstance(bundle, dict)}
    renderer = IPythonRenderer(escape=False, attachments={k: v for k, v in images.items() if v}, embed_images=False,
                               path="", anchor_link_text="¶", exclude_anchor_links=False)
    try:
        return MarkdownWithMath(renderer=renderer).render(str(source))
    except Exception:  # e.g. a missing attachment: show the text itself
        return f"<pre>{html.escape(str(source))}</pre>"


def safe_markdown(source: str, attachments: dict | None = None) -> str:
    """Markdown replaced by its sanitized HTML, in a form Markdown passes through untouched: one
    line (an HTML block ends at a blank line) in a `<div>`."""
    cleaned = clean_html(render_markdown(source, attachments))
    return f'<div class="{MARKDOWN_CLASS}">' + cleaned.replace("\r", "&#13;").replace("\n", "&#10;") + "</div>"


def _safe_grade_id(value) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(value))


def _numeric(value):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    return value if not isinstance(value, str) else (value if re.fullmatch(r"\d{1,5}(\.\d+)?", value) else None)


class SanitizeFeedback(NbGraderPreprocessor):
    """Make every student-controlled part of a notebook safe for the feedback HTML (module docstring)."""

    def preprocess(self, nb, resources):
        _nh3()
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            self.sanitize_cell(cell)
        return nb, resources

    def sanitize_cell(self, cell) -> None:
        grader = cell.get("metadata", {}).get("nbgrader")
        if isinstance(grader, dict):
            if "grade_id" in grader:
                grader["grade_id"] = _safe_grade_id(grader["grade_id"])
            if grader.get("comment"):
                grader["comment"] = safe_markdown(grader["comment"])
        if cell.cell_type == "markdown":
            cell.source = safe_markdown(cell.source, cell.get("attachments"))
            cell.pop("attachments", None)
        elif cell.cell_type == "raw":
            cell.source = clean_html(cell.source)
        elif cell.cell_type == "code":
            if not isinstance(cell.get("execution_count"), int) or isinstance(cell.get("execution_count"), bool):
                cell.execution_count = None
            cell.outputs = [self.sanitize_output(output) for output in cell.get("outputs", [])]

    def sanitize_output(self, output):
        """A stream or an error is kept (the template escapes it); rich data is sanitized or dropped."""
        if output.get("output_type") not in ("display_data", "execute_result"):
            return output
        data = output.get("data", {})
        kept = {}
        for mime, value in data.items():
            if mime not in KEPT_OUTPUT_TYPES:
                continue
            value = "".join(value) if isinstance(value, list) else value
            if not isinstance(value, str):
                continue
            if mime == "text/html":
                kept[mime] = clean_html(value)
            elif mime == "text/markdown":
                kept[mime] = safe_markdown(value)
            elif mime == "image/svg+xml":
                kept[mime] = clean_svg(value)
            elif mime in ("image/png", "image/jpeg"):
                if BASE64.fullmatch(value) and _decodes(value):
                    kept[mime] = value
            else:
                kept[mime] = value
        dropped = sorted(set(data) - set(kept))
        if dropped and not kept:
            kept["text/plain"] = f"({', '.join(dropped)} output not shown in the feedback)"
        output["data"] = kept
        metadata = {}
        for mime in ("image/png", "image/jpeg"):
            size = (output.get("metadata") or {}).get(mime)
            if mime in kept and isinstance(size, dict):
                size = {k: _numeric(size.get(k)) for k in ("width", "height")}
                if any(v is not None for v in size.values()):
                    metadata[mime] = {k: v for k, v in size.items() if v is not None}
        output["metadata"] = metadata
        if output.get("output_type") == "execute_result" and not isinstance(output.get("execution_count"), int):
            output["execution_count"] = None
        return output


def _decodes(value: str) -> bool:
    try:
        base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


FEEDBACK_PREPROCESSORS = [GetGrades, SanitizeFeedback, CSSHTMLHeaderPreprocessor]
"""`GenerateFeedback.preprocessors`: nbgrader 0.9.6's default list with `SanitizeFeedback` after
`GetGrades` (which adds the gradebook's scores and comments)."""
