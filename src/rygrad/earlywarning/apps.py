"""Early warning: every signal's path over time, when it crossed its threshold, and
nudges to the people who can act."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyWarningConfig(AppConfig):
    name = "rygrad.earlywarning"
    label = "earlywarning"
    verbose_name = _("Early warning")

    def ready(self) -> None:
        # The dashboard (initiatives) shows each signal's trend through core's registry;
        # initiatives never imports this app.
        from rygrad.core.signals import register_mover, register_trend_provider

        from .history import signals_moved
        from .trends import dashboard_trends

        register_trend_provider(dashboard_trends)
        # What each signal read while its history was computed tells the dashboard which
        # values a change of data may have moved.
        register_mover(signals_moved)
