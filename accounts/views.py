import json
from typing import cast

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm as BasePasswordResetForm
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import AccountDeleteForm, EmailChangeForm, PasswordResetForm, SignUpForm
from accounts.models import User
from accounts.selectors import account_data
from accounts.services import LinkInvalid, account_delete, email_link_open, email_link_request
from accounts.sessions import (
    sessions_end_everywhere,
    signed_in_session_end,
    signed_in_session_list,
    signed_in_sessions_prune,
)
from accounts.throttling import email_link_throttle, password_reset_throttle
from accounts.two_factor import has_second_factor, recovery_codes_left
from core.http import safe_next_url


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("shop:catalogue")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            email_link_request(user=user, email=user.email, purpose="verify")
            # login() keeps the session's data, so the cart survives signing up.
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            messages.info(request, _("To confirm your e-mail address, open the link we sent you."))
            return redirect(safe_next_url(request, default="shop:catalogue"))
        return render(request, "accounts/signup.html", {"form": form}, status=400)
    return render(request, "accounts/signup.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, throttled per address and per client (429 past the limit). The
    link goes only to a verified address; the page says the same either way."""

    form_class = PasswordResetForm

    def form_valid(self, form: BasePasswordResetForm) -> HttpResponse:
        password_reset_throttle(request=self.request, email=form.cleaned_data["email"])
        return super().form_valid(form)


# --- The account page: address, sessions, personal data ------------------------------------


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    signed_in_sessions_prune(user=user)
    context = {
        "email_form": EmailChangeForm(user=user),
        "sessions": signed_in_session_list(user=user),
        "has_second_factor": has_second_factor(user),
        "recovery_codes_left": recovery_codes_left(user=user),
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_POST
def email_verify_resend(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not user.email_verified:
        email_link_throttle(user_id=user.pk)
        email_link_request(user=user, email=user.email, purpose="verify")
    messages.success(request, _("We sent a new link to %(email)s.") % {"email": user.email})
    return redirect("accounts:account")


@require_GET
def email_verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email_link_open(token=token, purpose="verify")
    except LinkInvalid:
        return render(request, "accounts/link_invalid.html", status=400)
    messages.success(request, _("Thank you: your e-mail address is verified."))
    return redirect("accounts:account" if request.user.is_authenticated else "accounts:login")


@login_required
@require_POST
def email_change(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = EmailChangeForm(request.POST, user=user)
    if not form.is_valid():
        context = {
            "email_form": form,
            "sessions": signed_in_session_list(user=user),
            "has_second_factor": has_second_factor(user),
            "recovery_codes_left": recovery_codes_left(user=user),
        }
        return render(request, "accounts/account.html", context, status=400)
    email = form.cleaned_data["email"]
    email_link_throttle(user_id=user.pk)
    # Sent whether or not the address belongs to another account: the page says the same.
    email_link_request(user=user, email=email, purpose="change")
    messages.success(
        request,
        _("To finish, open the link we sent to %(email)s. Until then your address stays %(old)s.")
        % {"email": email, "old": user.email},
    )
    return redirect("accounts:account")


@require_GET
def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = email_link_open(token=token, purpose="change")
    except LinkInvalid:
        return render(request, "accounts/link_invalid.html", status=400)
    messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": user.email})
    return redirect("accounts:account" if request.user.is_authenticated else "accounts:login")


@login_required
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    current = request.session.session_key
    if signed_in_session_end(user=user, pk=pk):
        if not user.signed_in_sessions.filter(session_key=current).exists():
            logout(request)
            return redirect("accounts:login")
        messages.success(request, _("That session is logged out."))
    return redirect("accounts:account")


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    count = sessions_end_everywhere(request=request)
    messages.success(
        request,
        ngettext(
            "You are logged out of %(n)d session, this one included.",
            "You are logged out of %(n)d sessions, this one included.",
            count,
        )
        % {"n": count},
    )
    return redirect("accounts:login")


@login_required
@require_GET
def data_download(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    body = json.dumps(account_data(user=user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="smartshop-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST":
        if form.is_valid():
            logout(request)
            account_delete(user=user)
            messages.success(request, _("Your account is deleted. Goodbye!"))
            return redirect("shop:catalogue")
        return render(request, "accounts/account_delete.html", {"form": form}, status=400)
    return render(request, "accounts/account_delete.html", {"form": form})
