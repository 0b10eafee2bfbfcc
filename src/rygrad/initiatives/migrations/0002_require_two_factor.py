"""Initiative.require_two_factor: a new initiative takes RYGRAD_REQUIRE_TWO_FACTOR (on in
production); the initiatives that exist when this runs take it too."""

from django.conf import settings
from django.db import migrations, models

import rygrad.initiatives.models


def existing_take_the_setting(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    Initiative.objects.update(require_two_factor=bool(settings.RYGRAD_REQUIRE_TWO_FACTOR))


class Migration(migrations.Migration):

    dependencies = [
        ("initiatives", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="require_two_factor",
            field=models.BooleanField(
                db_default=False, default=rygrad.initiatives.models.two_factor_default,
                help_text="When on, a member of the secretariat must turn on two-factor login "
                          "(a code from an authenticator app) before they can use any page; "
                          "whoever has not is asked to at their next page.",
                verbose_name="two-factor login required of the secretariat"),
        ),
        migrations.RunPython(existing_take_the_setting, migrations.RunPython.noop),
    ]
