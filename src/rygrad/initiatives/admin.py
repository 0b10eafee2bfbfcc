from django.contrib import admin

from .models import Initiative, RoleGrant


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "municipality", "is_public", "min_group_size"]
    search_fields = ["name", "slug", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleGrantInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Records inside an initiative protect each other; deleting one with everything in
        # it is `rygrad initiative_delete --slug S --yes` (initiatives.services).
        return False
