"""The one exception type gapcheck lets escape: it always says where and what to do."""

from __future__ import annotations


class GapcheckError(Exception):
    """An input or usage problem the user can fix.

    `path` and `line` say where (when known), `message` what is wrong, `hint` what to do.
    """

    def __init__(self, message: str, *, path=None, line: int | None = None,
                 column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text
