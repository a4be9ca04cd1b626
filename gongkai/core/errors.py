"""The one error type of the domain: every app raises it for a step its rules refuse."""


class DomainError(Exception):
    """A step the rules refuse; the message is Chinese and fit to show the user as it is."""
