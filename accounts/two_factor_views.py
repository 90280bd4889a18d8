"""The second-factor pages: enrolment (an authenticator app), the code after the password,
new recovery codes, and turning two factors off (shoppers; staff cannot be without)."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import CodeForm
from accounts.models import User
from accounts.sudo import sudo_fresh
from accounts.two_factor import (
    SecondFactorLocked,
    has_second_factor,
    recovery_codes_replace,
    second_factor_reset,
    second_factor_verify,
    session_verified,
    totp_device_confirm,
    totp_device_start,
)
from core.http import safe_next_url


def _locked(request: HttpRequest, error: SecondFactorLocked) -> HttpResponse:
    return render(request, "accounts/two_factor_locked.html", {"until": error.until}, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app. An account that has one already must be verified first (a
    password alone never adds a device)."""
    user = cast(User, request.user)
    if has_second_factor(user) and not session_verified(user):
        return redirect("accounts:two_factor_verify")
    otp_enrolment = totp_device_start(user=user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            otp_codes = totp_device_confirm(
                request=request, device=otp_enrolment.device, token=form.cleaned_data["otp_code"]
            )
        except SecondFactorLocked as error:
            return _locked(request, error)
        if otp_codes:
            next_url = safe_next_url(request, default="accounts:account")
            shown = {"otp_codes": otp_codes, "next": next_url}
            return render(request, "accounts/two_factor_recovery_codes.html", shown)
        form.add_error("otp_code", _("That code is not right. Check the time on your phone."))
    if form.errors:
        status = 400
    context = {
        "form": form,
        "otp_enrolment": otp_enrolment,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not has_second_factor(user):
        return redirect(safe_next_url(request, default="accounts:account"))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ok = second_factor_verify(request=request, token=form.cleaned_data["otp_code"])
        except SecondFactorLocked as error:
            return _locked(request, error)
        if ok:
            return redirect(safe_next_url(request, default="shop:catalogue"))
        form.add_error("otp_code", _("That code is not right."))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(
        request, "accounts/two_factor_verify.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not has_second_factor(user) or not sudo_fresh(request):
        return redirect("accounts:two_factor_verify")
    otp_codes = recovery_codes_replace(user=user)
    context = {"otp_codes": otp_codes, "next": reverse("accounts:account")}
    return render(request, "accounts/two_factor_recovery_codes.html", context)


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if user.is_staff:
        messages.error(request, _("Staff accounts always use two factors."))
        return redirect("accounts:account")
    if not sudo_fresh(request):
        messages.info(request, _("Enter a code first: then turn two factors off."))
        return redirect("accounts:two_factor_verify")
    second_factor_reset(user=user, actor=user)
    messages.success(request, _("Two-factor log-in is off."))
    return redirect("accounts:account")
