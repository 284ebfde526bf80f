"""The system actor: the account automation acts as (commands, scheduled runs, the demo builder), so that every
service is always given a user and every audit entry names who acted. It holds Role.SYSTEM, is inactive and has
no usable password: nobody can sign in as it, and account management refuses to touch it."""

from django.db import transaction

from shuangyong.accounts.models import User
from shuangyong.accounts.roles import Role

SYSTEM_USERNAME = "system"


def system_user() -> User:
    """The system account, made on first use."""
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is not None:
        return user
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=SYSTEM_USERNAME,
            defaults={"full_name": Role.SYSTEM.label, "role": Role.SYSTEM, "is_active": False},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return user


def is_system(user) -> bool:
    return user is not None and getattr(user, "role", None) == Role.SYSTEM and user.username == SYSTEM_USERNAME
