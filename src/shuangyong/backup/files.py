"""The files half of a backup: everything under MEDIA_ROOT (the archive's files and the jobs' reports), except
the uploads waiting for a job (a roster read once and deleted), copied with its size and SHA-256.

An archive kept in another store (settings.STORAGES["archive"], S3-compatible, say) is backed up by that store;
the manifest says so, and restore puts back what this backup holds."""

import hashlib
import shutil
from pathlib import Path

from django.conf import settings

from shuangyong.archive.storage import archive_storage
from shuangyong.jobs.files import uploads_root

FILES_DIR = "files"
CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def media_files() -> list[Path]:
    """The files to keep, as paths relative to MEDIA_ROOT, in a stable order."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    skipped = uploads_root().resolve()
    return sorted(
        path.relative_to(root) for path in root.rglob("*") if path.is_file() and skipped not in path.resolve().parents
    )


def archive_elsewhere() -> str | None:
    """The archive's store when it is not a folder under MEDIA_ROOT (then this backup does not hold its files)."""
    storage = archive_storage()
    location = getattr(storage, "location", None)
    if location is not None:
        root = Path(settings.MEDIA_ROOT).resolve()
        place = Path(location).resolve()
        if place == root or root in place.parents:
            return None
    return f"{type(storage).__module__}.{type(storage).__qualname__}"


def copy_out(relative: list[Path], out_dir: Path, advance=lambda count=1: None) -> list[dict]:
    root = Path(settings.MEDIA_ROOT)
    entries = []
    for name in relative:
        target = out_dir / FILES_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
        entries.append({"path": name.as_posix(), "bytes": target.stat().st_size, "sha256": sha256_of(target)})
        advance()
    return entries


def files_present() -> bool:
    return bool(media_files())


def copy_in(entries: list[dict], backup_dir: Path) -> list[Path]:
    """Put the backup's files under MEDIA_ROOT; returns what was written (removed again if the restore fails)."""
    root = Path(settings.MEDIA_ROOT)
    written = []
    for entry in entries:
        target = root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(backup_dir / FILES_DIR / entry["path"], target)
        written.append(target)
    return written


def remove(written: list[Path]) -> None:
    for path in written:
        path.unlink(missing_ok=True)
