"""The one error type of the domain: every app raises it for a step its rules refuse."""


class DomainError(Exception):
    """A step the rules refuse; the message is Chinese and fit to show the user as it is.
    `field` names the form field the refusal concerns (its keyword on the verb), when one does:
    the form shows the message there instead of above the form."""

    def __init__(self, message: str = "", *, field: str | None = None):
        super().__init__(message)
        self.field = field
