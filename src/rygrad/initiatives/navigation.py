from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Overview"), url_name="initiatives:dashboard",
             permission="initiative.view", order=0)
