from django.utils.translation import gettext_lazy as _

from rygrad.core.guide import register_help
from rygrad.core.navigation import register_nav

register_nav(label=_("Agenda"), url_name="agenda:overview", permission="agenda.view", order=20)

# The agenda's pages are explained by the guide's agenda page (by its name); its forms by
# the section on writing the agenda.
for view in ("vision_edit", "endorsement_add", "endorsement_remove", "track_create",
             "track_edit", "action_create", "action_edit", "knowledge_create",
             "knowledge_edit"):
    register_help(view=f"agenda:{view}", page="agenda#writing-the-agenda-secretariat")
