"""A real S3-protocol server on 127.0.0.1 for tests of uploads in object storage: moto in server
mode (the HTTP API boto3 and django-storages speak to AWS), on an ephemeral port, in a thread.

moto keeps every bucket in this process's memory, shared by all its servers; each server gets a
bucket of its own name, so tests never see each other's files."""

import json
import logging
import uuid
from collections.abc import Iterator

import boto3
import pytest
from moto.server import ThreadedMotoServer

ACCESS_KEY_ID = "AKIATESTSMARTSHOP0001"
REGION = "eu-central-1"


# What a public bucket's owner sets (docs/deploy.md): anyone may read, only the keys write.
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::{bucket}/*",
        }
    ],
}


class S3Server:
    def __init__(self) -> None:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.bucket = f"smartshop-media-{uuid.uuid4().hex[:12]}"
        # A secret of this run's own: tests look for it in logs and Sentry envelopes.
        self.secret_access_key = f"planted/S3secret+{uuid.uuid4().hex}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=self.secret_access_key,
        )
        self.client.create_bucket(
            Bucket=self.bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        policy = json.dumps(PUBLIC_READ).replace("{bucket}", self.bucket)
        self.client.put_bucket_policy(Bucket=self.bucket, Policy=policy)

    def env(self) -> dict[str, str]:
        """The environment variables that point the project at this bucket."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": self.secret_access_key,
        }

    def configure(self, settings) -> None:
        """Point pytest-django's `settings` at this bucket, as settings.py does from env()."""
        from core.storage import object_storage

        settings.OBJECT_STORAGE = object_storage(self.env())
        settings.STORAGES = settings.STORAGES | {"default": settings.OBJECT_STORAGE.storage()}
        settings.AWS_SECRET_ACCESS_KEY = self.secret_access_key

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture
def s3_server() -> Iterator[S3Server]:
    server = S3Server()
    yield server
    server.stop()
