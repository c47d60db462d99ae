"""Student-controlled text made safe for a terminal and for a spreadsheet.

Student text reaches instructors in grade-batch's grades.csv and summary.txt, its progress lines,
the console table of `grade`, and check messages (an exception's type and message, traceback lines
from the student's file). Three helpers, plain functions of `str`, standard library only (the
student bundle ships this engine, and the self-check prints the same messages):

- `terminal_text(text)`: for text printed to a terminal or a text file that is read in one. ANSI
  escape sequences (CSI such as `ESC[2J`, OSC such as hyperlinks and window titles, two-byte ESC
  sequences, and their 8-bit C1 forms) are removed whole, then every other control character (C0
  except newline and tab, DEL, C1) and every Unicode bidirectional override or isolate (which
  reorder what a reader sees). `\\r\\n` and a lone `\\r` become `\\n`, so text cannot overwrite a line.
  Newline and tab are kept: they are the layout of a message and a traceback.
- `terminal_line(text)`: the same for a value that must stay on one line (a student's name in a
  progress line or a summary line): newlines and tabs become spaces.
- `csv_cell(text)`: for a text cell of a CSV file opened in a spreadsheet. The text is cleaned as by
  `terminal_line` (a name or a label has no layout, and `cat grades.csv` is a terminal too), then a
  cell whose first character (after spaces) is `=`, `+`, `-`, `@`, tab, CR or LF is neutralized
  with a leading apostrophe (`=HYPERLINK(...)` -> `'=HYPERLINK(...)`), the usual rule (OWASP
  "CSV injection"). Why the apostrophe: Excel, LibreOffice and Google Sheets then take the cell
  as text, never as a formula or a DDE call, and the value stays readable, visibly marked, and
  reversible (strip one leading `'`). Dropping the character would change a name silently, and
  refusing the row would lose a student's grade. Only text cells go through it: numbers the grader
  formats itself (scores) are written as numbers, so a negative score is still `-1`.
"""

from __future__ import annotations

import re

# ESC [ params intermediates final (CSI), ESC ] ... BEL or ESC \ (OSC), ESC P/X/^/_ ... ESC \ (DCS,
# SOS, PM, APC), other two-byte ESC sequences, and the 8-bit forms of CSI (0x9b) and OSC (0x9d).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides, isolates and marks.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def terminal_text(text: str) -> str:
    """`text` without escape sequences or control characters; newlines and tabs kept."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def terminal_line(text: str) -> str:
    """`terminal_text` on one line: newlines and tabs become spaces."""
    return re.sub(r"[\n\t]", " ", terminal_text(text))


def csv_cell(text: str) -> str:
    """A text cell for a CSV file that no spreadsheet runs as a formula (see the module docstring)."""
    raw = str(text)
    cleaned = terminal_line(raw)
    if any(value.lstrip(" ")[:1] in _FORMULA_START for value in (raw, cleaned)):
        return "'" + cleaned
    return cleaned
