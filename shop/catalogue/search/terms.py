"""What a shopper typed, made into words a search can use: pure functions, no database.

`search_terms` feeds both backends (`postgres`, `sqlite`), so both read a query the same way:
only letters and digits make words (nothing else ever reaches SQL as an operator); case is
folded, Unicode is NFC and stress marks go; a word typed in two scripts is written in the one
most of its letters use (`one_script`); single letters and STOP_WORDS are left out, so a query
left with no words matches only an exact SKU; at most MAX_WORDS words, a longer query cut,
never refused. `stem` and `en_stem` are the light stems both match by prefix. Examples:
docs/search.md, "How a query is read".
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
# A stem shorter than this would match too much ("ка" is the start of half the dictionary).
MIN_STEM = 3

_WORD = re.compile(r"[^\W_]+")
_NOT_WORD = re.compile(r"[\W_]+")
_STRESS_MARKS = dict.fromkeys(map(ord, "\u0300\u0301"))

# Latin letters and the Cyrillic letters that look the same (lower case: words are folded).
_LATIN_LOOKALIKES = "aceiopxyk"
_CYRILLIC_LOOKALIKES = "асеіорхук"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)

STOP_WORDS = frozenset(
    (
        # Ukrainian conjunctions and prepositions
        *("і", "й", "та", "а", "але", "чи", "або", "в", "у", "з", "із", "зі", "на", "до"),
        *("для", "по", "від", "під", "над", "при", "про", "що", "це"),
        # and English ones
        *("a", "an", "and", "or", "the", "of", "for", "with", "without", "in", "on", "at"),
        *("to", "by", "from"),
    )
)

# Ukrainian inflections, longest first: "кави", "каву", "кавою" all become "кав", which then
# matches the start of "кава" and "кавомолка" (on both databases). PostgreSQL
# has no Ukrainian stemmer and Snowball has none either; this light one only strips endings.
_UK_ENDINGS = tuple(
    sorted(
        (
            *("ями", "ами", "ові", "еві", "єві", "ого", "ому", "ими", "іми"),
            *("ий", "ій", "ої", "ою", "ею", "єю", "ів", "їв", "ам", "ям", "ах", "ях"),
            *("ом", "ем", "єм", "им", "ім"),
            *("а", "я", "и", "і", "ї", "у", "ю", "о", "е", "є", "ь", "й"),
        ),
        key=len,
        reverse=True,
    )
)
_ALTERNATING = frozenset("кгхцзс")
# English plurals, for the SQLite fallback only (PostgreSQL's `english` configuration stems).
_EN_ENDINGS = ("ies", "es", "s")


def _cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _latin(char: str) -> bool:
    return "a" <= char <= "z"


def one_script(word: str) -> str:
    """`кавa` → `кава`, `сoffee` → `coffee`: look-alike letters of the minority script are
    written in the majority's. A word with a letter that has no look-alike stays as it is."""
    cyrillic = sum(map(_cyrillic, word))
    latin = sum(map(_latin, word))
    if not cyrillic or not latin:
        return word
    fixed = word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)
    mixed = any(map(_cyrillic, fixed)) and any(map(_latin, fixed))
    return word if mixed else fixed


def is_cyrillic(word: str) -> bool:
    return any(map(_cyrillic, word))


def stem(word: str) -> str:
    """A Ukrainian word without its inflection ("сковороду" → "сковород"); a Latin word as it
    is (PostgreSQL stems English itself; sqlite.py strips plurals with `en_stem`)."""
    return _uk_stem(word) if is_cyrillic(word) else word


def en_stem(word: str) -> str:
    """A Latin word without a plural ending ("mugs" → "mug"), for substring matching."""
    return word if is_cyrillic(word) else _strip(word, _EN_ENDINGS)


def _strip(word: str, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _uk_stem(word: str) -> str:
    stemmed = _strip(word, _UK_ENDINGS)
    # к, г, х before an ending alternate with ц, з, с ("кавоварка", "у кавоварці"): a stem
    # that ends in one of them leaves it out, so both forms share the stem "кавовар".
    if stemmed != word and stemmed[-1] in _ALTERNATING and len(stemmed) > MIN_STEM:
        return stemmed[:-1]
    return stemmed


def words_text(text: str) -> str:
    """`text` casefolded with every run of non-letters made one space, and a space in front:
    " чайник гусяча шия 1 л". A word starts where " " + its first letters occur."""
    return " " + _NOT_WORD.sub(" ", text.casefold())


@dataclass(frozen=True)
class SearchTerms:
    """A query as the search reads it. `text` is what was typed (trimmed, at most
    MAX_QUERY_LENGTH characters), for messages and trigram similarity; `words` is what the
    search matches, each word once."""

    text: str
    words: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def phrase(self) -> str:
        """The words joined by spaces: the query with its punctuation taken out."""
        return " ".join(self.words)


def search_terms(query: str) -> SearchTerms:
    text = " ".join(query.split())[:MAX_QUERY_LENGTH]
    folded = unicodedata.normalize("NFC", text).translate(_STRESS_MARKS).casefold()
    found = [one_script(w) for w in _WORD.findall(folded)]
    words = dict.fromkeys(w for w in found if len(w) > 1 and w not in STOP_WORDS)  # each once
    return SearchTerms(text=text, words=tuple(words)[:MAX_WORDS])
