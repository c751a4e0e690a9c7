"""What the commands print, written whole or reported: never a report cut short with exit 0.

Python's own buffered writer can hand back a short count from a pipe whose reader went
away, and the text layer above it drops the rest without a word (seen here: 65 536 of
100 177 bytes written, no exception, exit 0). So a redirected output is written with
``os.write`` until every byte is taken, and any failure (a full disk, a closed pipe)
becomes an ``OutputError``: exit code 5 and a French line on standard error. A terminal
is written through its own stream, which alone knows its console's encoding.
"""

from __future__ import annotations

import os
from typing import TextIO, cast

from nr_xl.core.errors import OutputError, os_reason


class Whole:
    """A text stream for click.echo and Rich whose writes all reach ``stream``, or raise."""

    def __init__(self, stream: TextIO, what: str) -> None:
        self.stream = stream
        self.what = what  # « le rapport », for the message
        self.encoding = getattr(stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError):
            return False

    def write(self, text: str) -> int:
        try:
            if self.isatty():
                self.stream.write(text)
                self.stream.flush()
            else:
                _write_all(self.stream, text, self.encoding)
        except OSError as exc:
            raise OutputError(output_message(self.what, exc)) from exc
        return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise OutputError(output_message(self.what, exc)) from exc


def whole(stream: TextIO, what: str) -> TextIO:
    """``stream`` as a ``Whole``, typed as the text stream click and Rich take."""
    return cast(TextIO, Whole(stream, what))


def _write_all(stream: TextIO, text: str, encoding: str) -> None:
    stream.flush()  # anything already buffered goes first, in order
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture): its own write
        stream.write(text)
        stream.flush()
        return
    # The console's stream replaces what its code page cannot show (cli.commands): so here.
    view = memoryview(text.replace("\n", os.linesep).encode(encoding, errors="replace"))
    while view:
        view = view[os.write(fd, view):]


def output_message(what: str, exc: OSError) -> str:
    return f"{what[0].upper()}{what[1:]} n'a pas pu être écrit en entier : {os_reason(exc)}. Ce qui a été écrit est incomplet."
