from django.urls import path

from blog import feeds, views

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="post_list"),
    path("feed/rss/", feeds.LatestPostsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="feed_atom"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("<slug:slug>/", views.post_detail, name="post"),
]
