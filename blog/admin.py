from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from blog import services
from blog.forms import DraftRequestForm
from blog.models import JobStatus, Post, PostGenerationJob, PostPlan, PostStatus, Tag
from core.translation_admin import AnyLanguageAdmin

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class PostCount(TypedDict):
    _post_count: int


PROVENANCE = (
    "is_ai_generated",
    "ai_topic",
    "ai_keywords",
    "ai_model",
    "ai_prompt_tokens",
    "ai_completion_tokens",
)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "post_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(_post_count=Count("posts"))

    @admin.display(description=_("posts"), ordering="_post_count")
    def post_count(self, obj: "WithAnnotations[Tag, PostCount]") -> int:
        return obj._post_count


# Translated fields (`blog.translation`) one language under the other, as for products: the
# tabbed variant would need jQuery UI from a CDN, which the Content-Security-Policy rules out.
@admin.register(Post)
class PostAdmin(AnyLanguageAdmin):
    list_display = ["title", "status", "publish_at", "is_ai_generated", "updated_at"]
    list_filter = ["status", "is_ai_generated", "tags"]
    # Both languages: a plain "title" would search only the admin's current language.
    search_fields = [
        *get_translation_fields("title"),
        *get_translation_fields("excerpt"),
        *get_translation_fields("body_markdown"),
    ]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["tags"]
    raw_id_fields = ["author"]
    readonly_fields = [*PROVENANCE, "body_html", "created_at", "updated_at"]
    actions = ["publish_now", "archive"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "excerpt", "body_markdown", "tags", "cover_image"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "author"]}),
        (_("Search engines"), {"fields": ["meta_title", "meta_description"]}),
        (_("AI provenance"), {"fields": PROVENANCE, "classes": ["collapse"]}),
        (
            _("Rendered"),
            {"fields": ["body_html", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "write-with-ai/",
                self.admin_site.admin_view(self.write_with_ai_view),
                name="blog_post_write_with_ai",
            ),
            *super().get_urls(),
        ]

    def write_with_ai_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DraftRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            job = services.post_generation_job_create(
                **form.cleaned_data, requested_by=request.user
            )
            _job_message(request, job)
            return redirect("admin:blog_postgenerationjob_change", job.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Write a draft with AI"),
            "opts": self.model._meta,
            "form": form,
            "writer": settings.OPENAI_MODEL if settings.OPENAI_API_KEY else "",
        }
        return TemplateResponse(request, "admin/blog/post/write_with_ai.html", context)

    @admin.action(permissions=["change"], description=_("Publish selected posts now"))
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        count = queryset.exclude(status=PostStatus.PUBLISHED).update(
            status=PostStatus.PUBLISHED, publish_at=timezone.now(), updated_at=timezone.now()
        )
        self.message_user(request, _("%(count)d posts published.") % {"count": count})

    @admin.action(
        permissions=["change"], description=_("Archive selected posts (hide from shoppers)")
    )
    def archive(self, request: HttpRequest, queryset: QuerySet[Post]) -> None:
        count = queryset.update(status=PostStatus.ARCHIVED, updated_at=timezone.now())
        self.message_user(request, _("%(count)d posts archived.") % {"count": count})


def _job_message(request: HttpRequest, job: PostGenerationJob) -> None:
    if job.status == JobStatus.DONE:
        messages.success(request, _("The draft “%(title)s” is ready.") % {"title": job.post})
    elif job.status == JobStatus.FAILED:
        messages.error(request, _("The draft failed: %(reason)s") % {"reason": job.error})
    else:
        messages.info(request, _("The draft is queued; this page shows when it is ready."))


@admin.register(PostGenerationJob)
class PostGenerationJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are made by "Write a draft with AI" and by plans, never by hand."""

    list_display = ["topic", "state", "model_name", "requested_by", "created_at"]
    list_filter = ["status", "auto_publish"]
    list_select_related = ["post", "requested_by"]
    search_fields = ["topic", "keywords"]
    fields = readonly_fields = (
        "state",
        "topic",
        "keywords",
        "tone",
        "length",
        "auto_publish",
        "plan",
        "requested_by",
        "model_name",
        "task_result_id",
        "created_at",
        "started_at",
        "finished_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    @admin.display(description=_("state"), ordering="status")
    def state(self, job: PostGenerationJob) -> str:
        label = job.get_status_display()
        if job.status == JobStatus.DONE and job.post_id:
            url = reverse("admin:blog_post_change", args=[job.post_id])
            return format_html('{} — <a href="{}">{}</a>', label, url, job.post)
        if job.status == JobStatus.FAILED:
            return format_html("{}: {}", label, job.error)
        return label


@admin.register(PostPlan)
class PostPlanAdmin(admin.ModelAdmin):
    list_display = [
        "topic",
        "tone",
        "length",
        "interval_days",
        "next_run_at",
        "auto_publish",
        "active",
    ]
    list_editable = ["active"]
    list_filter = ["active", "auto_publish"]
    search_fields = ["topic", "keywords"]
