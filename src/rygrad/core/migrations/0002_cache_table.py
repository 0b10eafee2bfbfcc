"""The table of Django's database cache, so `migrate` is all a new installation needs.

The cache holds the login rate limit's counts; in the database every gunicorn worker sees
the same counts and a restart forgets none (settings `CACHES`, docs/deploy.md). With
CACHE_URL pointing at Redis there is no database cache and this creates nothing.
"""

from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # createcachetable skips tables that exist, so re-running is harmless.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for cache in caches.all(initialized_only=False):
        if isinstance(cache, BaseDatabaseCache) and cache._table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(cache._table)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_tables, drop_cache_tables)]
