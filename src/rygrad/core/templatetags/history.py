"""``{% change_history obj %}``: an object's change history on its page, for the
secretariat only (``initiative.manage``); nothing for anybody else."""

from django import template

from rygrad.core.history import object_history

register = template.Library()


@register.inclusion_tag("core/history.html", takes_context=True)
def change_history(context, obj):
    request = context.get("request")
    actor = getattr(request, "actor", None)
    if actor is None or not actor.can("initiative.manage"):
        return {"shown": False}
    return {"shown": True, "history": object_history(obj)}
