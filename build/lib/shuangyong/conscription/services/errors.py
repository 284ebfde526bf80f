from shuangyong.errors import RuleError


class ConscriptionError(RuleError):
    """A rule of conscription, service or allowances refused the change; the message is for the user."""
