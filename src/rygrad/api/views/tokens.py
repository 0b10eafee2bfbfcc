"""The person's own API tokens: make one (its secret is shown once), see them, revoke one.
Every signed-in person may have tokens; a token acts with its owner's roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rygrad.core.forms import form_submit

from .. import selectors, services
from ..forms import RevokeForm, TokenForm


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    made = form_submit(request, form, lambda data: services.api_token_create(
        user=request.user, name=data["name"]), _("The token is made. Copy it now: it is "
                                                  "shown only this once."))
    if made:
        token, secret = made
        # Shown once, on this answer only; never stored, never in the address.
        form = TokenForm()
        return render(request, "api/tokens.html", {
            "form": form, "tokens": selectors.tokens_of(user=request.user),
            "new_token": token, "secret": secret})
    return render(request, "api/tokens.html", {
        "form": form, "tokens": selectors.tokens_of(user=request.user)})


@login_required
def token_revoke(request):
    if request.method != "POST":
        return redirect("api:tokens")

    def revoke(data):
        token = selectors.tokens_of(user=request.user).filter(pk=data["token"]).first()
        if token is None:
            raise ValidationError(_("You have no such token."))
        services.api_token_revoke(token=token, by=request.user)
        return token

    form = RevokeForm(request.POST)
    if not form_submit(request, form, revoke,
                       lambda token: _("The token “%(name)s” is revoked.") % {"name": token.name}):
        messages.error(request, " ".join(form.non_field_errors()) or _("You have no such token."))
    return redirect("api:tokens")
