"""Korean labels in matplotlib figures: font fallback to an installed CJK font.

matplotlib's default font (DejaVu Sans) has no Hangul, so Korean labels would draw as
boxes. `prepare` puts an installed Korean font after DejaVu Sans in the family list
(matplotlib >= 3.6 falls back glyph by glyph), so Latin text looks as before. Without a
Korean font it warns once with what to install and silences matplotlib's one warning
per missing glyph: figures still draw, with boxes. `python -m course.fonts` is the
check `make lab` runs.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

# Families that cover Hangul, most likely first: Debian's fonts-noto-cjk, then Nanum, macOS, Windows.
KOREAN_FAMILIES = ("Noto Sans CJK KR", "Noto Sans KR", "Source Han Sans KR", "NanumGothic",
                   "Apple SD Gothic Neo", "AppleGothic", "Malgun Gothic", "UnDotum", "Noto Sans CJK JP")
INSTALL_HINT = "sudo apt-get install fonts-noto-cjk"
_prepared = False


class NoKoreanFont(UserWarning):
    """No installed font covers Hangul; Korean labels in figures draw as boxes."""


def korean_font(installed: set[str] | None = None) -> str | None:
    """The first of `KOREAN_FAMILIES` that is installed, or None.

    ``installed`` is the set of family names to look in (matplotlib's font list by default).
    """
    if installed is None:
        from matplotlib import font_manager
        installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in KOREAN_FAMILIES if family in installed), None)


def prepare(installed: set[str] | None = None) -> str | None:
    """Let figures draw Korean: add the Korean font to matplotlib's fallback; return its name.

    Runs once per process (later calls return at once). Without a Korean font: one
    `NoKoreanFont` warning and no per-glyph warnings.
    """
    global _prepared
    family = korean_font(installed)
    if _prepared:
        return family
    import matplotlib
    _prepared = True
    if family:
        first = [f for f in matplotlib.rcParams["font.sans-serif"][:1]] or ["DejaVu Sans"]
        matplotlib.rcParams["font.family"] = first + [family]
    else:
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        # Only a Korean chapter prepares Korean fonts: the warning speaks Korean, naming the English one.
        warnings.warn(f"한글 글꼴이 없습니다(No Korean font found): 그림의 한글 레이블이 네모로 보입니다. "
                      f"Debian이나 Ubuntu에서는 {INSTALL_HINT}", NoKoreanFont, stacklevel=3)
    return family


def debian_like() -> bool:
    """True on Debian, Ubuntu and their kin (where `INSTALL_HINT` applies)."""
    return Path("/etc/debian_version").exists()


def missing_font_advice(installed: set[str] | None = None, debian: bool | None = None) -> str:
    """What `make lab` says: "" when a Korean font is installed or the system is not Debian-like."""
    if korean_font(installed) or not (debian_like() if debian is None else debian):
        return ""
    return (f"Korean text (ko/ chapters) needs a CJK font, and none is installed. "
            f"Install one: {INSTALL_HINT} (then restart make lab).\n"
            f"한국어 장(ko/)을 보려면 한글 글꼴이 필요합니다: {INSTALL_HINT}")


if __name__ == "__main__":
    advice = missing_font_advice()
    if advice:
        print(advice, file=sys.stderr)
