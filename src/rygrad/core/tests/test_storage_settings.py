"""Uploaded files go to the store the environment names: MEDIA_ROOT by default, an
S3-compatible object store with RYGRAD_STORAGE=s3 (settings/storage.py) — chosen in the
production settings too, private, and without touching the network to set up."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from rygrad.config.settings.storage import FILESYSTEM, S3, default_storage

S3_ENV = {"RYGRAD_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "rygrad-media",
          "AWS_S3_ENDPOINT_URL": "https://objects.example.dk", "AWS_S3_REGION_NAME": "dk-1",
          "AWS_S3_ADDRESSING_STYLE": "path", "AWS_LOCATION": "egelund"}


def test_without_a_setting_files_stay_on_this_machine():
    """Given no RYGRAD_STORAGE (or 'filesystem'), then uploads go to MEDIA_ROOT."""
    assert default_storage({}) == {"BACKEND": FILESYSTEM}
    assert default_storage({"RYGRAD_STORAGE": " FileSystem "}) == {"BACKEND": FILESYSTEM}


def test_s3_selects_the_object_store_built_without_the_network(monkeypatch):
    """Given RYGRAD_STORAGE=s3 and the bucket's variables, when the storage is built with
    every network connection refused, then it is django-storages' S3 storage on that
    bucket, endpoint, region and folder, writing private objects it never overwrites."""
    setting = default_storage(S3_ENV)
    assert setting["BACKEND"] == S3

    def no_network(*args, **kwargs):
        raise AssertionError("the storage reached for the network while being set up")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    storage = import_string(setting["BACKEND"])(**setting["OPTIONS"])
    assert type(storage).__name__ == "S3Storage"
    assert (storage.bucket_name, storage.endpoint_url, storage.region_name,
            storage.location, storage.addressing_style) == (
        "rygrad-media", "https://objects.example.dk", "dk-1", "egelund", "path")
    assert storage.default_acl is None and storage.file_overwrite is False


@pytest.mark.parametrize(("environ", "named"), [
    ({"RYGRAD_STORAGE": "ftp"}, "RYGRAD_STORAGE"),
    ({"RYGRAD_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
    ({"RYGRAD_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "  "}, "AWS_STORAGE_BUCKET_NAME"),
])
def test_a_wrong_storage_setting_stops_start_up_naming_the_variable(environ, named):
    """Given an unknown store or S3 without a bucket, then the settings refuse to load,
    naming the variable to set (rather than writing files somewhere unexpected)."""
    with pytest.raises(ImproperlyConfigured, match=named):
        default_storage(environ)


def test_the_production_settings_use_the_store_the_environment_names(tmp_path):
    """Given the production settings and RYGRAD_STORAGE=s3, when they are loaded in a
    fresh process, then their default storage is the S3 one (production does not pin
    the file system), while static files stay with WhiteNoise."""
    src = Path(__file__).resolve().parents[3]
    code = ("import json; from django.conf import settings; "
            "print(json.dumps(settings.STORAGES))")
    env = {**os.environ, **S3_ENV, "DJANGO_SETTINGS_MODULE": "rygrad.config.settings.prod",
           "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "rygrad.example.dk",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "RYGRAD_VAR_DIR": str(tmp_path), "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    storages = json.loads(out.strip().splitlines()[-1])
    assert storages["default"]["BACKEND"] == S3
    assert storages["default"]["OPTIONS"]["bucket_name"] == "rygrad-media"
    assert storages["staticfiles"]["BACKEND"].startswith("whitenoise.")
