"""Where uploads (product pictures, blog covers) live: a bucket of any S3-API object storage
(AWS S3, Cloudflare R2, Backblaze B2, MinIO), through django-storages, when its variables are
set; MEDIA_ROOT on the local disk when none is (`make run`, tests).

Read by `smartshop.settings` at start-up, before Django is set up (no Django imports). Half a
configuration stops start-up with one line naming what is missing: a web instance that wrote
uploads to its own disk would lose them on the next deploy, and the other instances would never
see them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from core.config import config_error

# django-storages' own names for them.
REQUIRED = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)
OPTIONAL = ("AWS_S3_CUSTOM_DOMAIN",)


@dataclass(frozen=True)
class ObjectStorage:
    bucket: str
    endpoint_url: str
    region: str
    access_key_id: str
    secret_access_key: str = field(repr=False)
    # A host name (a CDN or the bucket's public domain) that pages link to instead.
    custom_domain: str = ""

    @property
    def origin(self) -> str:
        """Where pages' picture URLs point: the Content-Security-Policy allows images from it."""
        if self.custom_domain:
            return f"https://{self.custom_domain}"
        parts = urlsplit(self.endpoint_url)
        return f"{parts.scheme}://{parts.netloc}"

    def storage(self) -> dict:
        """The STORAGES["default"] entry: S3Storage with its options spelled out."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": self.bucket,
                "endpoint_url": self.endpoint_url,
                "region_name": self.region,
                "access_key": self.access_key_id,
                "secret_key": self.secret_access_key,
                "custom_domain": self.custom_domain or None,
                # Path-style URLs (endpoint/bucket/name) work with every S3-API service.
                "addressing_style": "path",
                "signature_version": "s3v4",
                # Plain, stable URLs (the bucket allows public reads): pages are cached whole,
                # and a signed URL would expire inside them.
                "querystring_auth": False,
                # A second upload of the same name gets a new name, so a name's bytes never
                # change and browsers may keep them for a year.
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        }


def object_storage(environ: Mapping[str, str]) -> ObjectStorage | None:
    """The bucket the environment names, or None when no object-storage variable is set."""
    given = {name: environ.get(name, "").strip() for name in (*REQUIRED, *OPTIONAL)}
    if not any(given.values()):
        return None
    missing = [name for name in REQUIRED if not given[name]]
    if missing:
        config_error(
            f"object storage needs {', '.join(REQUIRED)}; not set: {', '.join(missing)} "
            "(or unset them all to keep uploads on the local disk)."
        )
    endpoint = urlsplit(given["AWS_S3_ENDPOINT_URL"])
    if endpoint.scheme not in ("http", "https") or not endpoint.netloc:
        config_error(
            "AWS_S3_ENDPOINT_URL must be the storage's URL, such as "
            "https://s3.eu-central-1.amazonaws.com."
        )
    domain = given["AWS_S3_CUSTOM_DOMAIN"]
    if "/" in domain:
        config_error("AWS_S3_CUSTOM_DOMAIN must be a host name, such as media.example.com.")
    return ObjectStorage(
        bucket=given["AWS_STORAGE_BUCKET_NAME"],
        endpoint_url=given["AWS_S3_ENDPOINT_URL"].rstrip("/"),
        region=given["AWS_S3_REGION_NAME"],
        access_key_id=given["AWS_ACCESS_KEY_ID"],
        secret_access_key=given["AWS_SECRET_ACCESS_KEY"],
        custom_domain=domain,
    )
