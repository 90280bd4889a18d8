from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from blog.rendering import markdown_render
from blog.tag_labels import tag_label


def field_limit(model: type[models.Model], name: str) -> int:
    """The max_length of a text field, for code that fits text into it."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{name} has no length limit")
    return field.max_length


class Tone(models.TextChoices):
    FRIENDLY = "friendly", _("Friendly")
    PRACTICAL = "practical", _("Practical")
    EXPERT = "expert", _("Expert")
    PLAYFUL = "playful", _("Playful")


class Length(models.TextChoices):
    SHORT = "short", _("Short (about 400 words)")
    MEDIUM = "medium", _("Medium (about 800 words)")
    LONG = "long", _("Long (about 1,200 words)")


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blog:tag", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        """The name in the active language (blog.tag_labels)."""
        return tag_label(self.name)


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# Statuses that shoppers see once publish_at has passed. A scheduled post therefore goes live
# at its time on its own; `generate_blog_posts` only tidies its status to "published" later.
VISIBLE_STATUSES = [PostStatus.PUBLISHED, PostStatus.SCHEDULED]


class Post(models.Model):
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    excerpt = models.CharField(_("excerpt"), max_length=300, blank=True)
    body_markdown = models.TextField(_("body (Markdown)"))
    body_html = models.TextField(_("body (HTML)"), blank=True, editable=False)
    tags = models.ManyToManyField(Tag, related_name="posts", blank=True, verbose_name=_("tags"))
    cover_image = models.ImageField(_("cover image"), upload_to="blog/%Y/%m/", blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Shoppers see a published or scheduled post from this moment on."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blog_posts",
        verbose_name=_("author"),
    )

    meta_title = models.CharField(_("meta title"), max_length=70, blank=True)
    meta_description = models.CharField(_("meta description"), max_length=160, blank=True)

    is_ai_generated = models.BooleanField(_("written by AI"), default=False)
    ai_topic = models.CharField(_("AI topic"), max_length=200, blank=True)
    ai_keywords = models.CharField(_("AI keywords"), max_length=300, blank=True)
    ai_model = models.CharField(_("AI model"), max_length=100, blank=True)
    ai_prompt_tokens = models.PositiveIntegerField(_("AI prompt tokens"), null=True, blank=True)
    ai_completion_tokens = models.PositiveIntegerField(
        _("AI completion tokens"), null=True, blank=True
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    if TYPE_CHECKING:
        # One column per language of settings.LANGUAGES for each field PostTranslationOptions
        # names, added by django-modeltranslation at start-up: declared for type checkers only.
        title_uk: str | None
        title_en: str | None
        excerpt_uk: str | None
        excerpt_en: str | None
        body_markdown_uk: str | None
        body_markdown_en: str | None
        body_html_uk: str | None
        body_html_en: str | None
        meta_title_uk: str | None
        meta_title_en: str | None
        meta_description_uk: str | None
        meta_description_en: str | None

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["status", "publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=VISIBLE_STATUSES)
                | models.Q(publish_at__isnull=False),
                name="blog_post_visible_has_publish_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.status == PostStatus.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        # Rendered (and sanitised) once here, so pages never run Markdown per request: each
        # language's HTML from that language's Markdown; an empty one stays empty and falls
        # back to the other language, as its Markdown does (`blog.translation`).
        html_fields = []
        for code, _name in settings.LANGUAGES:
            markdown = getattr(self, build_localized_fieldname("body_markdown", code))
            html_field = build_localized_fieldname("body_html", code)
            setattr(self, html_field, markdown_render(markdown) if markdown else "")
            html_fields.append(html_field)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and any(f.startswith("body_markdown") for f in update_fields):
            kwargs["update_fields"] = {*update_fields, "body_html", *html_fields}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("blog:post", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # Here as well as in save(): model validation checks the constraint before save runs.
        if self.status == PostStatus.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        if self.status == PostStatus.SCHEDULED and self.publish_at is None:
            raise ValidationError({"publish_at": _("A scheduled post needs a publish time.")})

    @property
    def seo_title(self) -> str:
        return self.meta_title or self.title

    @property
    def seo_description(self) -> str:
        return self.meta_description or Truncator(self.excerpt).chars(160)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class DraftOptions(models.Model):
    """What staff ask the AI writer for; shared by one-off jobs and recurring plans."""

    topic = models.CharField(_("topic"), max_length=200)
    keywords = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Comma-separated.")
    )
    tone = models.CharField(_("tone"), max_length=20, choices=Tone.choices, default=Tone.FRIENDLY)
    length = models.CharField(
        _("length"), max_length=10, choices=Length.choices, default=Length.MEDIUM
    )
    # The language the writer writes in; the draft goes into that language's columns.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    auto_publish = models.BooleanField(
        _("publish automatically"),
        default=False,
        help_text=_("Publish the AI draft at once instead of leaving it for review."),
    )

    class Meta:
        abstract = True

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]


class PostPlan(DraftOptions):
    """A recurring AI draft: `generate_blog_posts` writes one whenever next_run_at is due."""

    next_run_at = models.DateTimeField(_("next run at"), default=timezone.now)
    interval_days = models.PositiveSmallIntegerField(
        _("every (days)"), default=7, validators=[MinValueValidator(1)]
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["next_run_at", "pk"]
        verbose_name = _("post plan")
        verbose_name_plural = _("post plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interval_days__gte=1), name="blog_postplan_interval_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return self.topic


class PostGenerationJob(DraftOptions):
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    # Shown to staff as is: a plain sentence, never an exception text, key or prompt.
    error = models.TextField(_("reason for failure"), blank=True)
    post = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="generation_jobs",
        verbose_name=_("draft"),
    )
    plan = models.ForeignKey(
        PostPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("plan"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    model_name = models.CharField(_("model"), max_length=100, blank=True)
    task_result_id = models.CharField(_("task result id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("AI drafting job")
        verbose_name_plural = _("AI drafting jobs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.topic}"
