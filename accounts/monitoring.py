"""What monitoring needs to know about accounts, told through monitoring.api."""

from monitoring.api import urls_register


def monitoring_register() -> None:
    urls_register(
        private_forms=[
            "accounts:login",
            "accounts:signup",
            "accounts:password_reset",
            "accounts:password_reset_confirm",
            # Codes of the second factor, the password asked again, a new address. (The sudo
            # prompt posts to admin pages: its field, `otp_code`, is a secret by its name.)
            "accounts:two_factor_setup",
            "accounts:two_factor_verify",
            "accounts:two_factor_disable",
            "accounts:email_change",
            "accounts:account_delete",
        ],
        # A password-reset link logs its holder in; verification and e-mail change links
        # vouch for an address.
        token_urls=[
            "accounts:password_reset_confirm",
            "accounts:email_verify",
            "accounts:email_change_confirm",
        ],
    )
