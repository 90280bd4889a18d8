from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.media import media_copy


class Command(BaseCommand):
    help = (
        "Copy uploads from MEDIA_ROOT (or --source) into the object storage bucket the AWS_* "
        "variables name, under the same names. Files already there are skipped: safe to run "
        "again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=Path, help="Folder of uploads (default MEDIA_ROOT).")

    def handle(self, *args: Any, source: Path | None = None, **options: Any) -> None:
        if settings.OBJECT_STORAGE is None:
            raise CommandError(
                "Object storage is not configured: set AWS_STORAGE_BUCKET_NAME, "
                "AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY first."
            )
        folder = source or Path(settings.MEDIA_ROOT)
        if not folder.is_dir():
            raise CommandError(f"No folder at {folder}.")
        result = media_copy(
            source=folder, storage=default_storage, progress=lambda line: self.stdout.write(line)
        )
        for name in result.different:
            self.stderr.write(f"not copied, the bucket has another file named {name}")
        self.stdout.write(
            f"{len(result.copied)} copied, {len(result.present)} already in the bucket "
            f"{settings.OBJECT_STORAGE.bucket}, {len(result.different)} left alone."
        )
