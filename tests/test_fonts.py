"""Korean labels in figures: the CJK font fallback and what `make lab` says when no font is there."""

import io
import warnings

import matplotlib
import pytest
from matplotlib.figure import Figure

from course import fonts


@pytest.fixture
def fresh(monkeypatch):
    """`fonts.prepare` as if never run in this process, and matplotlib's settings restored after."""
    monkeypatch.setattr(fonts, "_prepared", False)
    with matplotlib.rc_context(), warnings.catch_warnings():
        yield


def test_the_first_installed_korean_family_is_chosen():
    assert fonts.korean_font({"DejaVu Sans", "NanumGothic", "Noto Sans CJK KR"}) == "Noto Sans CJK KR"
    assert fonts.korean_font({"DejaVu Sans", "NanumGothic"}) == "NanumGothic"
    assert fonts.korean_font({"DejaVu Sans"}) is None


def test_an_installed_korean_font_is_added_after_the_latin_one(fresh):
    assert fonts.prepare({"DejaVu Sans", "NanumGothic"}) == "NanumGothic"
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", "NanumGothic"]


def test_without_a_korean_font_one_warning_says_what_to_install_and_drawing_stays_quiet(fresh):
    with warnings.catch_warnings(record=True) as caught:
        assert fonts.prepare(set()) is None
        fonts.prepare(set())  # a second chapter in the same kernel: no second warning
        fig = Figure()
        fig.text(0.5, 0.5, "가용 영역 (Availability Zone)")
        fig.savefig(io.BytesIO(), format="png")
    ours = [w for w in caught if issubclass(w.category, fonts.NoKoreanFont)]
    assert len(ours) == 1 and "sudo apt-get install fonts-noto-cjk" in str(ours[0].message)
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_make_lab_advice_only_on_debian_without_a_font():
    advice = fonts.missing_font_advice(installed={"DejaVu Sans"}, debian=True)
    assert "sudo apt-get install fonts-noto-cjk" in advice and advice.count("\n") == 1
    assert fonts.missing_font_advice(installed={"Noto Sans CJK KR"}, debian=True) == ""
    assert fonts.missing_font_advice(installed={"DejaVu Sans"}, debian=False) == ""


def test_setting_korean_prepares_the_fonts(monkeypatch):
    from course import i18n
    called = []
    monkeypatch.setattr(fonts, "prepare", lambda: called.append(True))
    try:
        i18n.set_language("en")
        assert called == []
        i18n.set_language("ko")
        assert called == [True]
    finally:
        i18n.set_language("en")
