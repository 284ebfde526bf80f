"""The one base of the services' refusals."""


class RuleError(Exception):
    """A rule refused the operation. The message is Chinese and meant for the user: pages show it as a message,
    the API answers 400 with it (api.base.exception_handler), so no view needs to translate an app's own error.
    `field` names the field at fault where one is (an import marks that column of the row)."""

    def __init__(self, message: str = "", *, field: str | None = None):
        super().__init__(message)
        self.field = field
