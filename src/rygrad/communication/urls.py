app_name = "communication"
urlpatterns: list = []
