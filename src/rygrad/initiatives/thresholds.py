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


def _per_cent(fraction: float) -> float | int:
    """0.5 -> 50, 0.125 -> 12.5: without the float noise of 0.7 * 100."""
    value = round(fraction * 100, 8)
    return int(value) if float(value).is_integer() else value


class ThresholdForm(forms.Form):
    """One optional number per signal; empty means the signal's default threshold.

    Shares are asked and shown in per cent, as the dashboard shows them ("50 %"), and
    stored as the fraction the signal computes (0.5)."""

    def __init__(self, *args, signals: list[Signal], initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.signals = signals
        overrides = initiative.signal_thresholds or {}
        for signal in signals:
            default = signal.format(signal.threshold)
            current = overrides.get(signal.key)
            if signal.unit == Unit.SHARE:
                hint = gettext_lazy("In per cent. Default: %(default)s.")
                limit = 100
                if current is not None:
                    current = _per_cent(current)
            else:
                hint = gettext_lazy("Default: %(default)s (%(unit)s).")
                limit = None
            direction = (gettext_lazy("Warns above the threshold.") if signal.warn_above
                         else gettext_lazy("Warns below the threshold."))
            self.fields[_field_name(signal)] = forms.FloatField(
                label=signal.label, required=False, initial=current, min_value=0,
                max_value=limit, widget=forms.NumberInput(attrs={"step": "any"}),
                help_text=f"{hint % {'default': default, 'unit': signal.unit.label}} "
                          f"{direction}")

    def thresholds(self) -> dict[str, float | None]:
        """The thresholds as the signals compute them: per cent back to a fraction."""
        values = {}
        for signal in self.signals:
            value = self.cleaned_data[_field_name(signal)]
            if value is not None and signal.unit == Unit.SHARE:
                value = round(value / 100, 10)
            values[signal.key] = value
        return values

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
