from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Activities"), url_name="activities:list",
             permission="activities.view_list", order=30)
