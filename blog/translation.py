"""Blog posts in every language of settings.LANGUAGES (django-modeltranslation). Post.save
renders each language's `body_html_<lang>` from its own `body_markdown_<lang>`."""

from modeltranslation.translator import TranslationOptions, register

from blog.models import Post


@register(Post)
class PostTranslationOptions(TranslationOptions):
    fields = ("title", "excerpt", "body_markdown", "body_html", "meta_title", "meta_description")
