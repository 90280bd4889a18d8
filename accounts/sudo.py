"""Fresh sign-in for money ("sudo"): an admin action that moves money runs only when the staff
member gave their second factor in the last settings.SUDO_WINDOW. Otherwise the action answers
with a page asking for a code, which posts the same action and selection back; with a right
code the action runs at once, as if the prompt had not been there.

    @admin.action(permissions=["refund"], description=...)
    @sudo_required
    def refund(modeladmin, request, queryset): ...
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.admin import ModelAdmin, helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from accounts.two_factor import (
    SecondFactorLocked,
    has_second_factor,
    second_factor_verify,
    verified_seconds_ago,
)

# `otp` in the name: the scrubber treats the field as a secret wherever it turns up.
CODE_FIELD = "otp_code"


def sudo_fresh(request: HttpRequest) -> bool:
    """The second factor was given in this session within settings.SUDO_WINDOW."""
    ago = verified_seconds_ago(request.session)
    return ago is not None and ago <= settings.SUDO_WINDOW.total_seconds()


def sudo_required(action: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an admin action (modeladmin, request, queryset) so it asks for the second factor
    again when the last one is older than the sudo window. Put it under @admin.action."""

    @wraps(action)
    def wrapper(
        modeladmin: ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
    ) -> HttpResponse | None:
        if sudo_fresh(request):
            return action(modeladmin, request, queryset)
        error = ""
        if CODE_FIELD in request.POST and has_second_factor(request.user):  # type: ignore[arg-type]
            try:
                if second_factor_verify(request=request, token=request.POST[CODE_FIELD]):
                    return action(modeladmin, request, queryset)
                error = "wrong"
            except SecondFactorLocked:
                error = "locked"
        return sudo_prompt(modeladmin, request, queryset, action_name=action.__name__, error=error)

    return wrapper


def sudo_prompt(
    modeladmin: ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    action_name: str,
    error: str,
) -> TemplateResponse:
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": opts,
        "title": gettext("Confirm it is you"),
        "action_name": action_name,
        "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "code_field": CODE_FIELD,
        "error": error,
        "minutes": int(settings.SUDO_WINDOW.total_seconds() // 60),
        "count": queryset.count(),
    }
    status = 429 if error == "locked" else 200
    return TemplateResponse(request, "accounts/admin/sudo.html", context, status=status)
