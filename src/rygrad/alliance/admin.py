from django.contrib import admin

from .models import Membership, Organisation, Partnership, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "initiative", "is_backbone"]
    list_filter = ["initiative", "sector"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "age_band", "initiative", "anonymised_at"]
    list_filter = ["initiative", "age_band"]
    search_fields = ["name"]
    raw_id_fields = ["organisation", "user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "role", "started_on", "ended_on"]
    list_filter = ["initiative", "role"]
    raw_id_fields = ["person", "organisation"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organisation_a", "organisation_b", "started_on", "ended_on"]
    list_filter = ["initiative"]
    raw_id_fields = ["organisation_a", "organisation_b"]
