from collections.abc import Callable

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view: Callable) -> Callable:
    """A page that only shows something: GET and HEAD; any other method is 405, with or without
    a CSRF token. (CSRF checks guard requests that change state; this view never does, so
    skipping the check only turns a 403 for a stray POST into the 405 it really is.)"""
    return csrf_exempt(require_safe(view))
