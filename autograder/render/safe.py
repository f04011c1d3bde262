"""Text that any output can hold: what a student wrote may contain anything.

A lone surrogate (``"\\ud800"``, from a notebook line, an exception message or a file name that
is not UTF-8) cannot be encoded, so writing it raises :class:`UnicodeEncodeError`; control
characters garble a terminal, a CSV reader or an HTML page. :func:`printable` replaces both with
U+FFFD, keeping newlines and tabs. Every output the batch writes or prints goes through it;
escaping for HTML, Markdown and CSV is each renderer's job, on top of this.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_UNSAFE = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069]")
_MARKDOWN = re.compile(r"([\\`*\[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|^[#+\-=>])")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def printable(text: object) -> str:
    """``text`` with lone surrogates, control characters and bidirectional overrides replaced."""
    return _UNSAFE.sub(REPLACEMENT, str(text))


def markdown_text(text: object) -> str:
    """Plain text for Markdown prose: punctuation Markdown acts on is backslash-escaped, and
    ``<`` / ``&`` are written as entities so raw HTML is shown, not rendered."""
    escaped = _MARKDOWN.sub(r"\\\1", printable(text))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace("\n", " ")


def csv_cell(text: object) -> str:
    """A text cell a spreadsheet shows as text: a leading ``=``, ``+``, ``-`` or ``@`` would be
    read as a formula, so it gets a leading apostrophe (the usual guard)."""
    cell = printable(text)
    return "'" + cell if cell.startswith(_FORMULA) else cell


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


class Unrepeated:
    """Feedback that never says the same sentence twice.

    One instance per rendered report: :meth:`sentences` keeps only the sentences of a text that
    this report has not shown yet (a broken submission's reason is said once, in its note, not
    under each of its 44 checks); :meth:`lines` does the same for evidence lines.
    """

    def __init__(self, shown: tuple[str, ...] | list[str] = ()) -> None:
        self.seen: set[str] = set()
        for text in shown:
            self.sentences(text)

    def sentences(self, text: str) -> str:
        """``text`` without the sentences already shown; its line breaks are kept."""
        lines = []
        for line in text.strip().split("\n"):
            kept = []
            for sentence in _SENTENCE_END.split(line.strip()):
                key = sentence.strip()
                if key and key not in self.seen:
                    self.seen.add(key)
                    kept.append(key)
            if kept:
                lines.append(" ".join(kept))
        return "\n".join(lines)

    def lines(self, lines: list[str]) -> list[str]:
        kept = []
        for line in lines:
            if line.startswith(("Failing case:", "  expected:", "  got:")):
                kept.append(line)  # a call and its values: facts of this check, never prose
            elif line.strip() not in self.seen:
                self.seen.add(line.strip())
                kept.append(line)
        return kept
