"""``manage.py create_editor USERNAME``: a staff account in the Editors group."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Create an editor: a staff account that may edit and publish articles, not accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, username: str, email: str, **options: Any) -> None:
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"username: an account called “{username}” already exists.")
        password = getpass.getpass("Password (12 characters or more): ")
        if password != getpass.getpass("Password again: "):
            raise CommandError("password: the two passwords differ.")
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("password: " + " ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write(f"Created editor “{username}”; they can sign in at /admin/.")
