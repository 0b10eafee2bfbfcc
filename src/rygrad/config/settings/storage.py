"""Where uploaded files are kept: the default storage, chosen by the environment.

Every file Rygrad keeps (knowledge-base versions, news images, attachments, generated
reports) goes through Django's storage API, so the store is a setting:

- `RYGRAD_STORAGE=filesystem` (the default): `MEDIA_ROOT` on this machine — one app server,
  or several sharing the folder over a network file system;
- `RYGRAD_STORAGE=s3`: an S3-compatible object store (AWS S3, MinIO, Ceph, a Danish
  cloud's object storage) through django-storages (`pip install 'rygrad[s3]'`), so any
  number of app servers and workers share the files without sharing a disk. Configured by
  `AWS_STORAGE_BUCKET_NAME` (required), `AWS_S3_ENDPOINT_URL` (for a store other than AWS),
  `AWS_S3_REGION_NAME`, `AWS_LOCATION` (a folder in the bucket), `AWS_S3_ADDRESSING_STYLE`
  (`path` for MinIO) — and the keys in `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`, which
  boto3 reads from the environment itself (they never enter the settings).

Files stay private: objects are written without a public ACL, names are never overwritten,
and they leave the store only through the views that ask the permission chain
(rygrad.core.media opens them with the storage API and streams them), never from a bucket
URL. docs/deploy.md, "Uploaded files", says how to set it up.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def default_storage(environ: Mapping[str, str]) -> dict:
    """STORAGES["default"] for the environment `environ`."""
    kind = environ.get("RYGRAD_STORAGE", "filesystem").strip().lower() or "filesystem"
    if kind == "filesystem":
        return {"BACKEND": FILESYSTEM}
    if kind != "s3":
        raise ImproperlyConfigured(
            f"RYGRAD_STORAGE={kind!r}: use 'filesystem' (the default) or 's3'.")
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        raise ImproperlyConfigured(
            "RYGRAD_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (the bucket for uploaded files).")
    options = {
        "bucket_name": bucket,
        # Private objects, never overwritten, fetched only by the permission-checked views.
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
    }
    for variable, option in (("AWS_S3_ENDPOINT_URL", "endpoint_url"),
                             ("AWS_S3_REGION_NAME", "region_name"),
                             ("AWS_LOCATION", "location"),
                             ("AWS_S3_ADDRESSING_STYLE", "addressing_style")):
        if environ.get(variable, "").strip():
            options[option] = environ[variable].strip()
    return {"BACKEND": S3, "OPTIONS": options}
