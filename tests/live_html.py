"""What a browser would run or follow in an HTML page: the check behind the feedback sanitizer's tests."""

from html.parser import HTMLParser

# The template's own scripts (MathJax, with its Safe extension, and its configuration).
TEMPLATE_SCRIPTS = ("https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js?config=TeX-AMS_CHTML-full,Safe",
                    "text/x-mathjax-config")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcdoc"}


class LiveContent(HTMLParser):
    """Collects what a browser would run or follow: scripts, event handlers, script URLs, frames."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src") not in TEMPLATE_SCRIPTS and attrs.get("type") not in TEMPLATE_SCRIPTS:
                self.found.append(f"<script {attrs}>")
        if tag in ("iframe", "object", "embed", "frame", "base", "form") or (tag == "meta" and "http-equiv" in attrs):
            self.found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value}>")
            squeezed = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag


def live_content(page: str) -> list[str]:
    """Everything live in `page` but the feedback template's own MathJax scripts."""
    parser = LiveContent()
    parser.feed(page)
    return parser.found
