from django.contrib import admin
from django.urls import include, path

from newsreader import views

app_name = "newsreader"

reader_patterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/<slug:slug>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail-short"),
    path("regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
]

urlpatterns = [
    path("", include((reader_patterns, "newsreader"))),
    path("admin/", admin.site.urls),
]
