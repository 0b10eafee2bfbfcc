"""The admin shows activities for operators' support work; changes go through the pages,
which keep the histories."""

from django.contrib import admin

from .models import Activity, Commitment, DriverChange, LearningNote, Reach, StageChange


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


class StageInline(ReadOnlyInline):
    model = StageChange
    fields = ["stage", "changed_on", "until", "decision", "reason", "note"]


class DriverInline(ReadOnlyInline):
    model = DriverChange
    fields = ["organisation", "from_on", "until", "note"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "initiative", "stage", "driver", "starts_on"]
    list_filter = ["initiative", "stage"]
    search_fields = ["title"]
    readonly_fields = ["stage", "driver"]
    inlines = [StageInline, DriverInline]


admin.site.register([Commitment, Reach, LearningNote])
