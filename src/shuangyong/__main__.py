"""The `shuangyong` console command: the project's manage.py.

Commands the issues name with hyphens (`import-regions`) are Django commands with underscores
(`import_regions`); the hyphen form is translated here so both spellings work.
"""

import os
import sys
from importlib.metadata import version


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if argv[1:] == ["--version"]:  # Django's own --version would print Django's
        print(f"shuangyong {version('shuangyong')} (Django {version('django')})")
        return
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangyong.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
