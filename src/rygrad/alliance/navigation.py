from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Alliance"), url_name="alliance:overview", permission="alliance.view",
             order=10)
