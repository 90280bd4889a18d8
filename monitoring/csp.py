"""Content-Security-Policy violation reports go to Sentry.

Sentry takes browser CSP reports at a per-project "security" endpoint derived from the DSN,
with the public key in the query string (browsers send no auth headers with reports):

    https://<key>@o1.ingest.sentry.io/42  →
    https://o1.ingest.sentry.io/api/42/security/?sentry_key=<key>&sentry_environment=…&sentry_release=…

Environment and release are added so violations are filed next to the errors of the same deploy.
A pure function of the validated config (no Django, no SDK), used by `smartshop.settings`.
"""

from urllib.parse import urlencode, urlsplit

from monitoring.config import SentryConfig


def csp_report_uri(config: SentryConfig) -> str | None:
    """The `report-uri` for the CSP header, or None when Sentry is off (no DSN)."""
    if not config.dsn:
        return None
    parts = urlsplit(config.dsn)
    # netloc keeps the port and IPv6 brackets; drop "<key>[:<secret>]@" in front of it.
    host = parts.netloc.rpartition("@")[2]
    # A DSN may carry a path prefix before the project id (Sentry behind a sub-path).
    prefix, _, project = parts.path.rstrip("/").rpartition("/")
    query = urlencode(
        {
            "sentry_key": parts.username,
            "sentry_environment": config.environment,
            "sentry_release": config.release,
        }
    )
    return f"{parts.scheme}://{host}{prefix}/api/{project}/security/?{query}"
