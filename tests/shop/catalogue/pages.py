"""Reading catalogue pages as a shopper does: which products are listed where."""

from html.parser import HTMLParser

VOID = frozenset({"img", "input", "br", "hr", "meta", "link", "source"})
# A card's title is an h2 in a listing, an h3 under a heading of its own ("You may also like").
TITLES = frozenset({"h2", "h3"})


class _Grids(HTMLParser):
    """Product names per grid (`data-testid` of the grid), in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.grids: dict[str, list[str]] = {}
        self._stack: list[str | None] = []  # the grid each open element belongs to
        self._title = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        grid = self._stack[-1] if self._stack else None
        if "grid" in (found.get("class") or "").split() and found.get("data-testid"):
            grid = found["data-testid"]
            self.grids.setdefault(grid, [])
        if tag == "a" and grid and self._in_title:
            self._title = True
            self.grids[grid].append("")
        if tag not in VOID:
            self._stack.append(grid)
            if tag in TITLES and "card-title" in (found.get("class") or ""):
                self._in_title = True

    _in_title = False

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._stack:
            self._stack.pop()
        if tag == "a":
            self._title = False
        if tag in TITLES:
            self._in_title = False

    def handle_data(self, data):
        grid = self._stack[-1] if self._stack else None
        if self._title and grid:
            self.grids[grid][-1] += data


def grids(html: str) -> dict[str, list[str]]:
    parser = _Grids()
    parser.feed(html)
    return parser.grids


def names(response, grid: str = "results") -> list[str]:
    """Product names as the shopper sees them in one grid of the page: the results, or the
    suggestions of an empty search ("closest", "popular"), in page order (cached or not)."""
    assert response.status_code == 200
    return grids(response.text).get(grid, [])
