"""Uploads already on a disk, copied into the configured storage (the bucket, once object
storage is set up): `manage.py media_to_bucket` is the thin command over `media_copy`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage


@dataclass
class MediaCopy:
    copied: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    # Already in the storage under the same name with another size: left alone.
    different: list[str] = field(default_factory=list)


def media_copy(
    *, source: Path, storage: Storage, progress: Callable[[str], None] = lambda _: None
) -> MediaCopy:
    """Copy every file under `source` into `storage` under the same name (the name the
    database's image fields hold). Files already there are skipped, so it can run again."""
    result = MediaCopy()
    files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else []
    for path in files:
        name = path.relative_to(source).as_posix()
        if storage.exists(name):
            same = storage.size(name) == path.stat().st_size
            (result.present if same else result.different).append(name)
            continue
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:  # the storage refused the name: never leave a stray copy
            storage.delete(saved)
            result.different.append(name)
            continue
        result.copied.append(name)
        progress(f"copied {name}")
    return result
