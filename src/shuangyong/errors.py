"""The one base of the services' refusals."""


class RuleError(Exception):
    """A rule refused the operation. The message is Chinese and meant for the user: pages show it as a message,
    the API answers 400 with it (api.base.exception_handler), so no view needs to translate an app's own error."""
