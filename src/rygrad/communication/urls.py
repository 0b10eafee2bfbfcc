from django.urls import path

from . import views, views_activities, views_catalogue

app_name = "communication"
urlpatterns = [
    path("", views.site, name="site"),
    path("activities/", views_activities.activity_list, name="activity_list"),
    path("activities/<int:pk>/", views_activities.activity_detail, name="activity_detail"),
    path("offers/", views_catalogue.offers, name="offers"),
    path("news/", views.news_list, name="news_list"),
    path("news/feed/", views.feed, name="feed"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/image/", views.news_image, name="news_image"),
    path("newsletters/", views.archive, name="archive"),
    path("newsletters/<int:pk>/", views.archive_detail, name="archive_detail"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("catalogue/", views_catalogue.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", views_catalogue.resource_detail, name="resource_detail"),
    path("catalogue/<int:pk>/files/<int:file_pk>/", views_catalogue.attachment_download,
         name="attachment_download"),
    path("manage/catalogue/<int:pk>/files/<int:file_pk>/remove/",
         views_catalogue.attachment_remove, name="attachment_remove"),
    path("manage/catalogue/new/", views_catalogue.resource_create, name="resource_create"),
    path("manage/catalogue/<int:pk>/edit/", views_catalogue.resource_edit, name="resource_edit"),
    path("manage/", views.manage, name="manage"),
    path("manage/news/new/", views.news_create, name="news_create"),
    path("manage/news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("manage/news/<int:pk>/publish/", views.news_publish, name="news_publish"),
    path("manage/newsletters/new/", views.newsletter_create, name="newsletter_create"),
    path("manage/newsletters/<int:pk>/", views.newsletter_preview, name="newsletter_preview"),
    path("manage/newsletters/<int:pk>/edit/", views.newsletter_edit, name="newsletter_edit"),
    path("manage/subscribers/", views.subscriber_list, name="subscriber_list"),
    path("manage/subscribers/<int:pk>/erase/", views.subscriber_erase,
         name="subscriber_erase"),
]
