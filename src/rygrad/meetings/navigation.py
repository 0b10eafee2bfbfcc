from django.utils.translation import gettext_lazy as _

from rygrad.core.guide import register_help
from rygrad.core.navigation import register_nav

register_nav(label=_("Meetings"), url_name="meetings:list", permission="meetings.view_list",
             order=35)

# The forms that record a meeting are explained by the guide's section on recording one.
for view in ("create", "edit", "item_add", "item_edit", "attendance", "attendance_counts",
             "decision_add", "decision_edit", "action_add", "action_edit"):
    register_help(view=f"meetings:{view}", page="meetings#recording-a-meeting")
register_help(view="meetings:briefings", page="meetings#youth-preparation")
for view in ("calendar_address", "calendar_address_remove"):
    register_help(view=f"meetings:{view}", page="meetings#the-calendar")
