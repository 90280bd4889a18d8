from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    BaseUserCreationForm,
)
from django.contrib.auth.forms import PasswordResetForm as BasePasswordResetForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class SignUpForm(BaseUserCreationForm):
    """E-mail and password; the password goes through AUTH_PASSWORD_VALIDATORS."""

    class Meta:
        model = User
        fields = ("email",)
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail already exists. Log in or reset your password.")
            )
        return email


class StaffUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class PasswordResetForm(BasePasswordResetForm):
    """Reset links go only to verified addresses. The page says the same either way."""

    def get_users(self, email: str) -> Iterator[User]:
        return (u for u in super().get_users(email) if u.email_verified)


class CodeForm(forms.Form):
    # Named so the scrubber knows it for a secret wherever it turns up (`otp`).
    otp_code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class PasswordCheckForm(forms.Form):
    """A form that asks for the account's current password."""

    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password


class EmailChangeForm(PasswordCheckForm):
    email = forms.EmailField(
        label=_("New e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["email", "password"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email == self.user.email:
            raise forms.ValidationError(_("That is already your address."))
        return email


class AccountDeleteForm(PasswordCheckForm):
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good."), required=True
    )
