from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog import selectors
from blog.models import Post
from core.decorators import read_only
from core.seo import open_graph
from core.site import absolute_url

BLOG_DESCRIPTION = gettext_lazy(
    "Guides, tips and ideas from SmartShop AI: cooking, coffee, home, work and the outdoors."
)


@read_only
def post_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.post_list(), settings.BLOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    og = open_graph(request, title=_("The SmartShop AI blog"), description=BLOG_DESCRIPTION)
    return render(request, "blog/post_list.html", {"page": page, "og": og})


@read_only
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = selectors.tag_get(slug=slug)
    if tag is None:
        raise Http404("No such tag.")
    page = Paginator(selectors.post_list(tag=tag), settings.BLOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    title = _("Posts tagged “%(name)s”") % {"name": tag.label}
    og = open_graph(request, title=title, description=BLOG_DESCRIPTION)
    return render(request, "blog/post_list.html", {"page": page, "tag": tag, "og": og})


@read_only
def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Drafts, archived posts and posts not yet due are all simply "not found".
    post = selectors.post_get(slug=slug)
    if post is None:
        raise Http404("No such post.")
    return render(
        request,
        "blog/post_detail.html",
        {
            "post": post,
            "og": open_graph(
                request,
                title=post.seo_title,
                description=post.seo_description,
                image=post.cover_image.url if post.cover_image else "",
                type="article",
            ),
            "article_ld": article_ld(request, post),
        },
    )


def article_ld(request: HttpRequest, post: Post) -> dict:
    """schema.org Article data for search engines; printed with the ld_json filter."""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.seo_title,
        "description": post.seo_description,
        # Visible posts always have publish_at (a constraint); the fallback is for the type.
        "datePublished": (post.publish_at or post.updated_at).isoformat(),
        "dateModified": post.updated_at.isoformat(),
        "mainEntityOfPage": absolute_url(post.get_absolute_url(), request),
        "publisher": {"@type": "Organization", "name": "SmartShop AI"},
        "keywords": [tag.label for tag in post.tags.all()],
    }
    if post.author is not None:
        data["author"] = {"@type": "Person", "name": post.author.get_full_name() or "SmartShop AI"}
    else:
        data["author"] = {"@type": "Organization", "name": "SmartShop AI"}
    if post.cover_image:
        data["image"] = absolute_url(post.cover_image.url, request)
    return data
