"""`{% load seo %}`: the canonical URL of the page being rendered, and `ld_json` for schema.org
data blocks (products, blog posts)."""

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import seo

register = template.Library()

# The same escapes as Django's json_script: inside <script>, "</script>" or "<!--" in a value
# must not end the element, so <, > and & never appear literally.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def ld_json(value: Any) -> str:
    """`{{ data|ld_json }}` → `<script type="application/ld+json">…</script>`, escaped like
    json_script. A data block, never executed, so a strict CSP needs no nonce for it."""
    data = json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308


@register.simple_tag(takes_context=True)
def canonical_url(context: Context) -> str:
    request = context.get("request")
    return seo.canonical_url(request) if request is not None else ""
