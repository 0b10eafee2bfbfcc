from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Measurement"), url_name="measurement:overview",
             permission="measurement.view", order=40)
