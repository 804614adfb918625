"""One exception tree. Every error a user can see carries a one-line message."""

from __future__ import annotations


class AkhbarError(Exception):
    """Base of every error akhbar reports to a user; str(error) is one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class UsageError(AkhbarError):
    """The command line or a config value is wrong."""

    exit_code = 2


class InputError(AkhbarError):
    """An input file, or one record in it, was refused (names the input and the reason)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = " ".join(reason.split())
        super().__init__(f"{source}: {self.reason}")


class ArchiveError(AkhbarError):
    """The archive cannot be opened, read or written."""


class NotFoundError(AkhbarError):
    """An article id (or another named thing) does not exist."""


class IndexError_(AkhbarError):
    """The search index cannot be opened or written (it can be rebuilt from the archive)."""


class QueryError(AkhbarError):
    """A search query cannot be parsed."""
