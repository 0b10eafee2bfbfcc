"""The ideas' URLs, under /i/<slug>/ideas/. The public ones stay short and stable: the
list "you said — we did" at the root, the form at send/, each idea at its number."""

from django.urls import path

from .views import answers, manage, public, themes

app_name = "ideas"
urlpatterns = [
    # Public: for everyone, no account needed.
    path("", public.you_said, name="public_list"),
    path("send/", public.submit, name="submit"),
    path("send/thanks/", public.thanks, name="thanks"),
    path("<int:number>/", public.idea_public, name="public_detail"),
    path("<int:number>/support/", public.support, name="support"),
    # Inside.
    path("manage/", manage.idea_list, name="list"),
    path("manage/new/", manage.idea_create, name="create"),
    path("manage/import/", manage.ideas_import, name="import"),
    path("manage/import/template/", manage.import_template, name="import_template"),
    path("manage/moderation/", manage.moderation, name="moderation"),
    path("manage/signals/", manage.signals_page, name="signals"),
    path("manage/settings/", manage.settings_page, name="settings"),
    path("manage/<int:pk>/", manage.idea_detail, name="detail"),
    path("manage/<int:pk>/edit/", manage.idea_edit, name="edit"),
    path("manage/<int:pk>/status/", manage.status_change, name="status"),
    path("manage/<int:pk>/activity/", manage.to_activity, name="to_activity"),
    path("manage/<int:pk>/moderate/", manage.moderate, name="moderate"),
    path("manage/<int:pk>/delete/", manage.idea_delete, name="delete"),
    path("manage/<int:pk>/merge/", themes.idea_merge, name="merge"),
    path("manage/<int:pk>/move/", themes.idea_move, name="move"),
    path("manage/answers/", answers.bulk_answer, name="bulk"),
    path("manage/releases/", answers.releases, name="releases"),
    path("manage/releases/<int:pk>/", answers.release_detail, name="release"),
    path("manage/releases/<int:pk>/publish/", answers.release_publish, name="release_publish"),
    path("manage/releases/<int:pk>/delete/", answers.release_delete, name="release_delete"),
    path("manage/drafts/<int:pk>/discard/", answers.draft_discard, name="draft_discard"),
    path("manage/templates/", answers.templates, name="templates"),
    path("manage/templates/<int:pk>/", answers.template_edit, name="template_edit"),
    path("manage/templates/<int:pk>/delete/", answers.template_delete,
         name="template_delete"),
    path("manage/themes/", themes.theme_list, name="themes"),
    path("manage/themes/group/", themes.themes_group, name="themes_group"),
    path("manage/themes/<int:pk>/", themes.theme_edit, name="theme"),
    path("manage/themes/<int:pk>/merge/", themes.theme_merge, name="theme_merge"),
]
