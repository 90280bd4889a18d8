from typing import cast

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.forms import StaffUserCreationForm
from accounts.models import User
from accounts.two_factor import second_factor_reset


@admin.action(permissions=["change"], description=_("Reset two-factor log-in (lost phone)"))
def two_factor_reset(
    modeladmin: "UserAdmin", request: HttpRequest, queryset: QuerySet[User]
) -> None:
    """The selected accounts lose their authenticator apps and recovery codes: staff enrol
    again at their next visit to the admin. Logged with who did it."""
    actor = cast(User, request.user)  # the admin lets in signed-in staff only
    for user in queryset:
        second_factor_reset(user=user, actor=actor)
    modeladmin.message_user(
        request,
        _("Two-factor log-in reset for %(n)d account(s).") % {"n": queryset.count()},
        messages.SUCCESS,
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = StaffUserCreationForm
    actions = [two_factor_reset]
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "email_verified", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "email_verified", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(AccessAttempt)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failed log-ins counted by django-axes. Deleting a row lifts its lock-out at once
    (otherwise it lifts AXES_COOLOFF_TIME after the last failure)."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "path_info"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = readonly_fields = (
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "failures_since_start",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
