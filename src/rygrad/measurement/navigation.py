from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Measurement"), url_name="measurement:overview",
             permission="measurement.view", order=40)
register_nav(label=_("Survey results"), url_name="measurement:public_results",
             permission="measurement.public_nav", order=41)
