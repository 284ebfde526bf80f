"""The `shuangyong` console command: the project's manage.py.

Commands the issues name with hyphens (`import-regions`) are Django commands with underscores
(`import_regions`); the hyphen form is translated here so both spellings work.
"""

import json
import os
import sys
import traceback
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

    if "--json" not in argv[2:]:
        execute_from_command_line(argv)
        return
    _with_json_errors(argv, execute_from_command_line)


def _with_json_errors(argv: list[str], execute) -> None:
    """With --json a refusal is JSON on stdout too, {"error": "..."}, and the exit is non-zero: a script reads one
    stream. Django prints a CommandError to stderr unless --traceback lets it through, so it is asked for here
    and the error caught; anything unexpected is reported the same way, its traceback on stderr for the log."""
    from django.core.management.base import CommandError

    try:
        execute([*argv, "--traceback"] if "--traceback" not in argv else argv)
    except CommandError as exc:
        print(json.dumps({"error": str(exc)}, ensure_ascii=False))
        sys.exit(exc.returncode or 1)
    except SystemExit as exc:
        if exc.code == 2:  # argparse refused the arguments (its usage message is on stderr)
            print(json.dumps({"error": "命令参数有误，用法见错误输出"}, ensure_ascii=False))
        raise
    except Exception:  # noqa: BLE001 — the script gets JSON; the traceback goes to stderr
        traceback.print_exc()
        print(json.dumps({"error": "内部错误，详见错误输出"}, ensure_ascii=False))
        sys.exit(1)


if __name__ == "__main__":
    main()
