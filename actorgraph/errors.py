"""One family of errors; each message says what went wrong and what to do."""
from __future__ import annotations


class ActorGraphError(ValueError):
    """Base of every error the engine raises on purpose; ``str(e)`` is fit to show a user."""


class EmptyInputError(ActorGraphError):
    pass


class UnsupportedFormatError(ActorGraphError):
    pass


class InputTooLargeError(ActorGraphError):
    pass


class UnreadableFileError(ActorGraphError):
    """Corrupt, truncated, encrypted, without a text layer, or not the kind it claims."""


class UnsafeFileError(ActorGraphError):
    """Refused before parsing: a zip bomb, entity expansion, a parser that would not stop."""


class ExtractionLimitError(ActorGraphError):
    """The analysis was stopped: it ran past its time or memory limit, or its worker died."""
