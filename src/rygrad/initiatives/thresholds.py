"""The warning thresholds page: one form with a field for every signal whose threshold is
settable (`core.signals.Signal.settable`), of every app, grouped by condition. Saved by
`services.signal_thresholds_set`, the one writer of `Initiative.signal_thresholds`."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rygrad.core.forms import form_submit
from rygrad.core.signals import Condition, Signal, Unit, settable_signals
from rygrad.core.views import initiative_view

from .services import signal_thresholds_set


def _field_name(signal: Signal) -> str:
    return signal.key.replace(".", "__")


class ThresholdForm(forms.Form):
    """One optional number per signal; empty means the signal's default threshold."""

    def __init__(self, *args, signals: list[Signal], initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.signals = signals
        overrides = initiative.signal_thresholds or {}
        for signal in signals:
            default = "–" if signal.threshold is None else signal.threshold
            if signal.unit == Unit.SHARE:
                hint = gettext_lazy("Default: %(default)s. Shares are written as 0.5 for "
                                    "50 %%.")
            else:
                hint = gettext_lazy("Default: %(default)s (%(unit)s).")
            direction = (gettext_lazy("Warns above the threshold.") if signal.warn_above
                         else gettext_lazy("Warns below the threshold."))
            self.fields[_field_name(signal)] = forms.FloatField(
                label=signal.label, required=False, initial=overrides.get(signal.key),
                help_text=f"{hint % {'default': default, 'unit': signal.unit.label}} "
                          f"{direction}")

    def thresholds(self) -> dict[str, float | None]:
        return {signal.key: self.cleaned_data[_field_name(signal)] for signal in self.signals}

    def by_condition(self) -> list[tuple[Condition, list]]:
        """The bound fields under the condition their signal is filed under, in the
        dashboard's order; conditions without a settable signal are left out."""
        groups = [(condition, [self[_field_name(s)] for s in self.signals
                               if s.condition == condition]) for condition in Condition]
        return [(condition, fields) for condition, fields in groups if fields]


@initiative_view("initiative.manage")
def thresholds(request, slug):
    """The secretariat sets the initiative's warning thresholds of every app's signals."""
    initiative = request.initiative
    form = ThresholdForm(request.POST or None, signals=settable_signals(),
                         initiative=initiative)
    if form_submit(request, form, lambda data: signal_thresholds_set(
            initiative=initiative, by=request.actor, thresholds=form.thresholds()),
            _("The thresholds are saved.")):
        return redirect("initiatives:thresholds", slug=slug)
    return render(request, "initiatives/thresholds.html", {"form": form})
