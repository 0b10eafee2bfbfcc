from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rygrad.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Every capability registers its permission rules, signals, navigation and
        # personal data (with its retention) in modules with these names; importing them
        # here fills the registries once.
        autodiscover_modules("permissions", "signals", "navigation", "personal_data")
        from . import (
            accounts,  # noqa: F401  (connects the invitation-link receiver)
            guide,  # noqa: F401  (registers the check that the guide is found)
        )
