from django.utils.translation import gettext_lazy as _

from rygrad.core.guide import register_help
from rygrad.core.navigation import register_nav

register_nav(label=_("Privacy"), url_name="privacy:overview", permission="privacy.retention",
             order=96)
register_help(view="privacy_account", page="privacy#your-own-data")
