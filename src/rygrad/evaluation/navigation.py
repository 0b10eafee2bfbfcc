from django.utils.translation import gettext_lazy as _

from rygrad.core.guide import register_help
from rygrad.core.navigation import register_nav

register_nav(label=_("Evaluation"), url_name="evaluation:overview",
             permission="evaluation.view", order=80)

# The learning report's pages have a guide page of their own.
for view in ("report", "report_view", "report_job", "report_download"):
    register_help(view=f"evaluation:{view}", page="report")
