from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "rygrad.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        # The initiative is the tenant: plug it into core, which imports no app
        # (core/tenancy.py says what core needs of it).
        from rygrad.core.tenancy import Tenancy, register_tenancy

        from .models import Initiative
        from .selectors import role_of, two_factor_required
        from .services import initiative_delete, role_grant

        register_tenancy(Tenancy(model=Initiative, role_of=role_of, role_grant=role_grant,
                                 tenant_delete=initiative_delete,
                                 two_factor_required=two_factor_required))
