"""`{% chrome "footer" user.is_authenticated %}…{% endchrome %}`: a part of the page layout that
is the same for everyone reading in one language — links, labels, icons — rendered once per
process, language, script prefix and flags (true or false: the values after the name), then
reused. A part rendered under one script prefix (SCRIPT_NAME, FORCE_SCRIPT_NAME) is never
served under another, and any `setting_changed` empties the memory.

Never put anything per-request inside: a shopper's name, cart count, CSRF token, messages, the
query, the current path. Why process memory (the layout's fixed parts were a third of the
cart's and checkout's template time, and change only with a deploy): docs/performance.md.
"""

from django import template
from django.core.signals import setting_changed
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

_RENDERED: dict[tuple, SafeString] = {}
_MAX_ENTRIES = 500  # names × languages × variants: a few dozen in practice


class ChromeNode(Node):
    def __init__(self, nodelist: NodeList, name: str, vary: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context: Context) -> str:
        key = (
            self.name,
            get_language(),
            get_script_prefix(),
            *(bool(v.resolve(context)) for v in self.vary),
        )
        rendered = _RENDERED.get(key)
        if rendered is None:
            rendered = SafeString(self.nodelist.render(context))
            if len(_RENDERED) < _MAX_ENTRIES:
                _RENDERED[key] = rendered
        return rendered


@register.tag
def chrome(parser: Parser, token: Token) -> ChromeNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% chrome "name" [flag ...] %} needs a quoted name')
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    return ChromeNode(nodelist, bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]])


def chrome_clear(**kwargs: object) -> None:
    _RENDERED.clear()


setting_changed.connect(chrome_clear, dispatch_uid="core.chrome_clear")
