from datetime import timedelta

import factory
from django.utils import timezone

from blog.models import Post, PostPlan, PostStatus, Tag


class TagFactory(factory.django.DjangoModelFactory[Tag]):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class PostFactory(factory.django.DjangoModelFactory[Post]):
    """A published post, live since yesterday."""

    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    excerpt = "A short summary."
    body_markdown = "Some **useful** advice."
    status = PostStatus.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class PostPlanFactory(factory.django.DjangoModelFactory[PostPlan]):
    class Meta:
        model = PostPlan

    topic = factory.Sequence(lambda n: f"Plan topic {n}")
    keywords = "coffee"
    next_run_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    interval_days = 7
