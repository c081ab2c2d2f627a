"""Small typed readers for settings that come from the environment.

Each one fails loudly on a value it cannot understand, so that a typo in a
deployment stops the server at start-up instead of quietly changing behaviour.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv


def read_env_file() -> Path | None:
    """Read settings from COPRODUCE_ENV_FILE, or `.env` in the current folder, if there is
    one. What the environment already sets wins over the file."""
    path = Path(os.environ.get("COPRODUCE_ENV_FILE") or ".env")
    if not path.is_file():
        return None
    load_dotenv(path, override=False)
    return path


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    """Return the variable as text, or the default when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean; anything but a clear yes or no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    """Return the variable as a whole number."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list, ignoring blanks."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
