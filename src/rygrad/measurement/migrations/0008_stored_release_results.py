"""Releases published before Rygrad stored their results get them now: the indicator
tables of every grouping, the lowest-band count and the change tables between published
years, computed once from each release's frozen cube and responses (see
measurement/stored.py). Pages read only these from now on."""

from django.db import migrations


def store_results(apps, schema_editor):
    from rygrad.measurement.releases import stored_results_complete

    Wave = apps.get_model("measurement", "Wave")
    published = [(wave.instrument_id, wave.year, wave.release_token, wave.instrument.definition)
                 for wave in Wave.objects.exclude(release_token="").select_related("instrument")
                 .order_by("instrument_id", "year")]
    if published:
        stored_results_complete(published=published)


class Migration(migrations.Migration):

    dependencies = [
        ('measurement', '0007_pupil_codes'),
    ]

    operations = [
        migrations.RunPython(store_results, migrations.RunPython.noop),
    ]
