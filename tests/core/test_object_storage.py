"""Uploads in object storage: with the AWS_* variables set, every product picture and blog
cover goes to the bucket and pages link to it; unset, the local disk as before; half set, the
shop refuses to start. Against moto's S3 server on 127.0.0.1, through django-storages."""

import io
import re

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from PIL import Image

from blog.models import Post
from shop.models import Product
from tests.deploy.support import production, settings_probe
from tests.support.process import python
from tests.support.s3_server import s3_server  # noqa: F401 (fixture)


def png(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()


def upload(data: bytes, name: str = "kettle.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/png")


@pytest.fixture
def bucket(s3_server, settings, tmp_path):  # noqa: F811
    """The shop configured as settings.py configures it from the AWS_* variables; MEDIA_ROOT
    an empty folder, to show nothing lands on the disk."""
    s3_server.configure(settings)
    settings.MEDIA_ROOT = tmp_path / "media"
    return s3_server


def image_src(html: str, alt: str) -> str:
    found = re.search(rf'<img src="([^"]+)" alt="{re.escape(alt)}"', html)
    assert found, f"no picture of {alt!r}"
    return found[1]


@pytest.mark.django_db
def test_a_product_picture_uploaded_in_the_admin_goes_to_the_bucket_and_pages_link_to_it(
    bucket, staff_client, category, client
):
    picture = png("blue")
    response = staff_client.post(
        reverse("admin:shop_product_add"),
        {
            "name_en": "Kettle",
            "slug": "kettle",
            "sku": "COF-004",
            "category": category.pk,
            "is_active": "on",
            "price": "54.90",
            "stock": "9",
            "short_description_en": "",
            "description_en": "",
            "image": upload(picture),
        },
    )
    assert response.status_code == 302
    product = Product.objects.get(sku="COF-004")
    assert bucket.keys() == [product.image.name]
    assert bucket.read(product.image.name) == picture
    src = image_src(client.get(product.get_absolute_url()).text, "Kettle")
    assert src == f"{bucket.endpoint}/{bucket.bucket}/{product.image.name}"
    # Anyone can fetch it from the bucket: what a shopper's browser does.
    fetched = httpx.get(src)
    assert fetched.status_code == 200 and fetched.content == picture
    assert "max-age=31536000" in fetched.headers["cache-control"]


@pytest.mark.django_db
def test_nothing_is_written_to_the_local_disk_with_object_storage(
    bucket, staff_client, category, settings
):
    staff_client.post(
        reverse("admin:shop_product_add"),
        {
            "name_en": "Mug",
            "slug": "mug",
            "sku": "COF-005",
            "category": category.pk,
            "is_active": "on",
            "price": "9.90",
            "stock": "3",
            "image": upload(png(), "mug.png"),
        },
    )
    assert Product.objects.get(sku="COF-005").image
    assert not settings.MEDIA_ROOT.exists()


@pytest.mark.django_db
def test_a_blog_cover_goes_to_the_bucket_and_the_post_shows_it(bucket, staff_client, client):
    cover = png("green")
    response = staff_client.post(
        reverse("admin:blog_post_add"),
        {
            "title_en": "Brewing",
            "slug": "brewing",
            "body_markdown_en": "Hot water.",
            "status": "published",
            "meta_title_en": "",
            "meta_description_en": "",
            "cover_image": upload(cover, "cover.png"),
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert bucket.read(post.cover_image.name) == cover
    html = client.get(post.get_absolute_url()).text
    assert f'src="{bucket.endpoint}/{bucket.bucket}/{post.cover_image.name}"' in html


@pytest.mark.django_db
def test_existing_uploads_are_copied_into_the_bucket_once(bucket, settings, product, client):
    media = settings.MEDIA_ROOT
    (media / "products/2026/11").mkdir(parents=True)
    (media / "blog/2026/10").mkdir(parents=True)
    (media / "products/2026/11/skillet.png").write_bytes(png("black"))
    (media / "blog/2026/10/cover.png").write_bytes(png("white"))
    Product.objects.filter(pk=product.pk).update(image="products/2026/11/skillet.png")

    out = io.StringIO()
    call_command("media_to_bucket", stdout=out)
    assert "2 copied, 0 already in the bucket" in out.getvalue()
    assert bucket.keys() == ["blog/2026/10/cover.png", "products/2026/11/skillet.png"]
    assert bucket.read("products/2026/11/skillet.png") == png("black")
    # The product's page now links to the copy in the bucket.
    src = image_src(client.get(product.get_absolute_url()).text, product.name)
    assert httpx.get(src).content == png("black")

    # Again (a second deploy, an interrupted run): nothing copied twice, nothing renamed.
    (media / "products/2026/11/new.png").write_bytes(png("grey"))
    out = io.StringIO()
    call_command("media_to_bucket", stdout=out)
    assert "1 copied, 2 already in the bucket" in out.getvalue()
    assert len(bucket.keys()) == 3


def test_copying_without_object_storage_says_what_to_set(settings):
    settings.OBJECT_STORAGE = None
    with pytest.raises(CommandError, match="AWS_STORAGE_BUCKET_NAME"):
        call_command("media_to_bucket")


def test_without_the_variables_uploads_stay_on_the_local_disk():
    found = settings_probe(
        "[settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]",
        **production(),
    )
    assert found == ["django.core.files.storage.FileSystemStorage", False, ["'self'", "data:"]]


def test_with_the_variables_uploads_go_to_the_bucket_in_production(s3_server):  # noqa: F811
    found = settings_probe(
        "[settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
        "settings.AWS_SECRET_ACCESS_KEY in settings.MONITORING_SECRETS]",
        **production(SERVE_MEDIA="true", **s3_server.env()),
    )
    assert found == [
        "storages.backends.s3.S3Storage",
        False,  # never /media/ from an instance's own disk
        ["'self'", "data:", s3_server.endpoint],
        True,
    ]


def test_a_custom_domain_is_what_pages_link_to(s3_server):  # noqa: F811
    found = settings_probe(
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1]",
        **production(AWS_S3_CUSTOM_DOMAIN="media.example.com", **s3_server.env()),
    )
    assert found == "https://media.example.com"


FULL = {
    "AWS_STORAGE_BUCKET_NAME": "media",
    "AWS_S3_ENDPOINT_URL": "https://s3.eu-central-1.amazonaws.com",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "x" * 30,
}


@pytest.mark.parametrize(
    "missing", ["AWS_SECRET_ACCESS_KEY", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL"]
)
def test_half_a_configuration_stops_start_up_with_one_line(missing):
    variables = {k: v for k, v in FULL.items() if k != missing}
    result = python("manage.py", "check", **production(**variables))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: object storage needs")
    assert lines[0].endswith(
        f"not set: {missing} (or unset them all to keep uploads on the local disk)."
    )
    assert "x" * 30 not in result.stderr


def test_an_endpoint_that_is_not_a_url_is_refused():
    env = FULL | {"AWS_S3_ENDPOINT_URL": "s3.eu-central-1.amazonaws.com"}
    result = python("manage.py", "check", **production(**env))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: AWS_S3_ENDPOINT_URL must be the storage's URL, such as "
        "https://s3.eu-central-1.amazonaws.com."
    )
