from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Evaluation"), url_name="evaluation:overview",
             permission="evaluation.view", order=80)
