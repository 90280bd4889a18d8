"""What monitoring needs to know about accounts, told through monitoring.api."""

from monitoring.api import urls_register


def monitoring_register() -> None:
    urls_register(
        private_forms=[
            "accounts:login",
            "accounts:signup",
            "accounts:password_reset",
            "accounts:password_reset_confirm",
        ],
        # A password-reset link logs its holder in.
        token_urls=["accounts:password_reset_confirm"],
    )
