class ConscriptionError(Exception):
    """A rule of conscription, service or allowances refused the change; the message is for the user."""
