"""The REST API under /api/v1/: the pages' resources for other systems, asking the same
permission chain (core.permissions) and applying the same disclosure control."""
