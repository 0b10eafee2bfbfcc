from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Agenda"), url_name="agenda:overview", permission="agenda.view", order=20)
