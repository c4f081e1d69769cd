"""One error vocabulary for every interface (HackSoft styleguide).

Services raise Django's ValidationError (with field keys), PermissionDenied, or ApplicationError;
the API turns them into one JSON shape, pages into messages in the user's language.
"""


class ApplicationError(Exception):
    """A request that cannot be carried out, with a message fit to show the user."""

    def __init__(self, message: str, *, extra: dict | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
        self.status = status
