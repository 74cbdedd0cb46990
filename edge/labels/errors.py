"""The one exception of label parsing: content that must be rejected, with a reason."""


class LabelError(ValueError):
    """A payload that cannot be carried as a label (NUL, invalid UTF-8, oversize, broken GS1).

    `reason` is a short human sentence, safe to print and to store in an event.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
