"""The `urafiki` command installed with the package: Django's management commands under one name.

`urafiki extract FILE... --json` is `manage.py extract FILE... --json`, usable from any directory.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    # Django prints the program name in usage lines; show the one people typed.
    argv[0] = "urafiki"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
