"""The admin shows meetings for operators' support work (read-only); changes go through
the pages, which check the rules. Calendar addresses are secrets and are not shown."""

from django.contrib import admin

from .models import AgendaItem, Decision, Meeting, MeetingAction


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


class ItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["position", "title", "youth_briefing"]


class DecisionInline(ReadOnlyInline):
    model = Decision
    fields = ["text", "activity"]


class ActionInline(ReadOnlyInline):
    model = MeetingAction
    fields = ["title", "owner", "due_on", "done_on"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "held_on", "place", "initiative"]
    list_filter = ["kind", "initiative"]
    search_fields = ["title", "place"]
    inlines = [ItemInline, DecisionInline, ActionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
