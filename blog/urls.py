from django.urls import path

from blog import feeds, views
from core.decorators import read_only

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="post_list"),
    path("feed/rss/", read_only(feeds.LatestPostsFeed()), name="feed_rss"),
    path("feed/atom/", read_only(feeds.LatestPostsAtomFeed()), name="feed_atom"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("<slug:slug>/", views.post_detail, name="post"),
]
