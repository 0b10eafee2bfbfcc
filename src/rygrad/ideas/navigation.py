from django.utils.translation import gettext_lazy as _

from rygrad.core.navigation import register_nav

register_nav(label=_("Ideas"), url_name="ideas:list", permission="ideas.view_list", order=40)
# The public page, in the menu of young people and the public (members reach it from the
# ideas list).
register_nav(label=_("You said – we did"), url_name="ideas:public_list",
             permission="ideas.public_nav", order=41)
