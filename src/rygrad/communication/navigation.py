from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Communication"), url_name="communication:manage",
             permission="communication.manage", order=80)
