"""Administration for operators: instruments, waves, population and class codes.

Raw responses are deliberately not registered: nobody needs to browse single pupils'
answers, and every number about them goes through disclosure control.
"""

from django.contrib import admin

from .models import ClassCode, Indicator, IndicatorGoal, Instrument, PopulationCount, Wave


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["slug", "name", "item_codes", "low_threshold", "position"]
    readonly_fields = fields


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["slug", "initiative", "updated_at"]
    list_filter = ["initiative"]
    search_fields = ["slug"]
    inlines = [IndicatorInline]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["instrument", "year", "period", "is_open", "response_count", "initiative"]
    list_filter = ["initiative", "is_open", "year"]
    readonly_fields = ["response_count", "snapshot_token"]


@admin.register(PopulationCount)
class PopulationCountAdmin(admin.ModelAdmin):
    list_display = ["wave", "school", "grade", "pupils"]
    list_filter = ["wave__initiative", "wave__year"]
    search_fields = ["school"]


@admin.register(ClassCode)
class ClassCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "wave", "school", "grade"]
    list_filter = ["wave__initiative", "wave__year"]
    search_fields = ["code", "school"]


@admin.register(IndicatorGoal)
class IndicatorGoalAdmin(admin.ModelAdmin):
    list_display = ["track", "indicator", "measure", "target", "baseline_year", "by_year"]
    list_filter = ["initiative"]
