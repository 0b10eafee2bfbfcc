from django.utils.translation import gettext_lazy as _

from rygrad.core.guide import register_help
from rygrad.core.navigation import register_nav

register_nav(label=_("Early warning"), url_name="earlywarning:overview",
             permission="earlywarning.view", order=60)

# The guide's part for these pages (Help in the layout; core.guide).
register_help(view="earlywarning", page="early-warning")
register_help(view="earlywarning:path", page="early-warning#the-path-of-change")
register_help(view="earlywarning:notices", page="early-warning#notices-by-email-and-in-the-list")
