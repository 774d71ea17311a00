"""The language a chapter speaks, and lookups in the text tables of widgets and figures.

A chapter's first code cell sets the language once (``set_language("en")``); every
widget, quiz and figure made after that speaks it. Each module keeps its words in one
table ``TEXT = {"en": {key: text}, "ko": {...}}``, so adding a language adds a table,
never a copy of the code.
"""

from __future__ import annotations

LANGUAGES = ("en", "ko")
_current = "en"


def set_language(lang: str) -> str:
    """Make ``lang`` ("en" or "ko") the language of what is shown from now on; return it."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    _current = lang
    if lang == "ko":
        # Figures and widget charts draw Korean labels from now on: they need a Hangul font.
        from course import fonts
        fonts.prepare()
    return lang


def language() -> str:
    """The language set by `set_language` ("en" until one is set)."""
    return _current


def localized(en: str, ko: str) -> str:
    """``ko`` in a Korean chapter when there is one, else ``en`` (for ``*_ko`` fields of sourced tables)."""
    return ko if _current == "ko" and ko else en


def text(table: dict[str, dict[str, str]], key: str, /, lang: str | None = None, **values) -> str:
    """``table[lang][key]`` formatted with ``values``; English where the language lacks the key.

    Raises:
        KeyError: ``key`` is missing from the English table too (a typo in the code).
    """
    lang = lang or _current
    words = table.get(lang, {}).get(key)
    if words is None:
        words = table["en"][key]
    return words.format(**values) if values else words


class Phrase(str):
    """Words in the current language that can also say themselves in another.

    A computed explanation (a route table's exposure, say) is put into messages shown in
    both languages, as in lab checks; ``in_language("ko")`` gives the same words in Korean.
    """

    def __new__(cls, words: str, table: dict | None = None, key: str | None = None,
                values: dict | None = None):
        self = super().__new__(cls, words)
        self._source = (table, key, dict(values or {}))
        return self

    def in_language(self, lang: str) -> str:
        """These words in ``lang`` (as they are when they were not made from a table)."""
        table, key, values = self._source
        if table is None:
            return str(self)
        values = {k: v.in_language(lang) if isinstance(v, Phrase) else v for k, v in values.items()}
        return text(table, key, lang=lang, **values)


def phrase(table: dict[str, dict[str, str]], key: str, /, **values) -> Phrase:
    """`text` in the current language, as a :class:`Phrase` that can be said in the others too."""
    return Phrase(text(table, key, **values), table, key, values)
