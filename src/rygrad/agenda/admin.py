from django.contrib import admin

from .models import ActionItem, Endorsement, KnowledgeDocument, KnowledgeVersion, Track, Vision


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "initiative", "is_cross_cutting", "order"]
    list_filter = ["initiative", "is_cross_cutting"]


admin.site.register([Vision, Endorsement, KnowledgeDocument, KnowledgeVersion, ActionItem])
