"""Start-up configuration errors: one readable line, no traceback."""

from typing import NoReturn


def config_error(message: str) -> NoReturn:
    # SystemExit with a string prints just that line to stderr and exits with status 1,
    # which is what an operator reading a Render deploy log needs.
    raise SystemExit(f"Configuration error: {message}")
