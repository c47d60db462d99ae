"""Progress for long commands (grade-batch, the demo): a rich progress bar on a terminal; elsewhere
(a log file, a pipe, CI) one plain line per step, never a carriage return.

rich (part of the `instructor` extra) decides what a terminal is (`Console.is_terminal`); without
rich, or without a terminal, the plain lines are written.
"""

from __future__ import annotations

import sys


class Progress:
    """`step(label)` after each of `total` steps; `close()` at the end (or use it as a context manager)."""

    def __init__(self, total: int, stream=sys.stderr, description: str = ""):
        self.total, self.done, self.stream, self.description = total, 0, stream, description
        self._bar = self._task = None
        if stream is None or total == 0:
            return
        try:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn
        except ImportError:
            return
        console = Console(file=stream)
        if not console.is_terminal:
            return
        self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("{task.fields[label]}"), console=console,
                                 transient=False)
        self._task = self._bar.add_task(description, total=total, label="")
        self._bar.start()

    def step(self, label: str) -> None:
        """One step done; `label` must already be safe for a terminal (safe_text.terminal_line)."""
        self.done += 1
        if self.stream is None:
            return
        if self._bar is not None:
            self._bar.update(self._task, advance=1, label=label)
            return
        prefix = f"{self.description} " if self.description else ""
        self.stream.write(f"{prefix}[{self.done}/{self.total}] {label}\n")
        self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
