from django.contrib import admin

from .models import AnswerRelease, AnswerTemplate, Idea, StatusChange, Theme


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ("status", "changed_on", "answer", "owner", "decided_role", "release")
    readonly_fields = fields
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "initiative", "source", "submitter_group", "status",
                    "moderation", "owner")
    list_filter = ("initiative", "status", "moderation", "source", "submitter_group")
    search_fields = ("title", "description")
    inlines = [StatusChangeInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "initiative", "created_on")


@admin.register(AnswerRelease)
class AnswerReleaseAdmin(admin.ModelAdmin):
    list_display = ("title", "initiative", "created_on", "published_on")


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "initiative", "status")
