"""Tag names in the reader's language. A tag is stored once, by its name (its slug is the URL);
the names the shop's own posts use are translated here, so a Ukrainian page reads «Кухня», not
"Kitchen". A name not listed (one staff or an AI draft made up) is shown as written."""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

LABELS: dict[str, Promise] = {
    "Kitchen": pgettext_lazy("blog tag", "Kitchen"),
    "Guides": pgettext_lazy("blog tag", "Guides"),
    "Coffee & Tea": pgettext_lazy("blog tag", "Coffee & Tea"),
    "Office": pgettext_lazy("blog tag", "Office"),
    "Home": pgettext_lazy("blog tag", "Home"),
    "Outdoors": pgettext_lazy("blog tag", "Outdoors"),
    "Checklists": pgettext_lazy("blog tag", "Checklists"),
}


def tag_label(name: str) -> str:
    """The tag called `name`, in the active language."""
    label = LABELS.get(name)
    return str(label) if label is not None else name
