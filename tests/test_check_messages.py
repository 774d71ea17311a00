"""Every lab check module speaks both languages: its TEXT tables have the same keys and placeholders."""

import importlib
import pkgutil
import string

import pytest

import labs.checks

MODULES = [m.name for m in pkgutil.iter_modules(labs.checks.__path__) if m.name != "result"]


def placeholders(words: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(words) if field}


@pytest.mark.parametrize("name", MODULES)
def test_english_and_korean_tables_match(name):
    module = importlib.import_module(f"labs.checks.{name}")
    table = getattr(module, "TEXT", None)
    if table is None:
        pytest.fail(f"labs/checks/{name}.py has no TEXT table: its messages must come in English and Korean")
    assert set(table) == {"en", "ko"}, f"labs/checks/{name}.py: TEXT has {sorted(table)}"
    assert set(table["en"]) == set(table["ko"]), (
        f"labs/checks/{name}.py: keys only in en {sorted(set(table['en']) - set(table['ko']))}, "
        f"only in ko {sorted(set(table['ko']) - set(table['en']))}")
    for key, words in table["en"].items():
        assert placeholders(words) == placeholders(table["ko"][key]), f"labs/checks/{name}.py {key!r}"
        assert table["ko"][key].strip(), f"labs/checks/{name}.py {key!r} is empty in Korean"
