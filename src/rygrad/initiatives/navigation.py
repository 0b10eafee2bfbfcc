from django.utils.translation import gettext_lazy as _

from rygrad.core.guide import register_help
from rygrad.core.navigation import register_nav

register_nav(label=_("Overview"), url_name="initiatives:dashboard",
             permission="initiative.view", order=0)
register_nav(label=_("People and access"), url_name="initiatives:roles",
             permission="initiative.manage", order=90)
register_nav(label=_("Settings"), url_name="initiatives:settings",
             permission="initiative.manage", order=95)

# The guide's part for these pages (Help in the layout; core.guide).
register_help(view="initiatives", page="dashboard")
register_help(view="initiatives:thresholds", page="dashboard#warnings-and-thresholds")
register_help(view="initiatives:roles", page="index#getting-started-with-a-new-initiative")
register_help(view="initiatives:role_update", page="index#getting-started-with-a-new-initiative")
register_help(view="initiatives:settings", page="index#getting-started-with-a-new-initiative")
