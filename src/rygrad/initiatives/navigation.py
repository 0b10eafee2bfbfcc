from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Overview"), url_name="initiatives:dashboard",
             permission="initiative.view", order=0)
register_nav(label=_("People and access"), url_name="initiatives:roles",
             permission="initiative.manage", order=90)
register_nav(label=_("Settings"), url_name="initiatives:settings",
             permission="initiative.manage", order=95)
