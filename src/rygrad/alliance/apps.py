from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "rygrad.alliance"
    label = "alliance"
    verbose_name = _("Alliance")

    def ready(self) -> None:
        # An invited login is linked to the registry person with its email (core.accounts).
        from .accounts import register

        register()
