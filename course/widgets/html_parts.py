"""HTML pieces the course's views share: tables, a to-scale bar of blocks, a status line."""

import html
import ipaddress

NETWORK_COLOUR = "#2f6fb3"
HOST_COLOUR = "#e08a2c"
WARN_BACKGROUND = "#fde2e1"       # a row AWS would refuse
ADVICE_BACKGROUND = "#fff4d6"     # a row AWS accepts, with a warning
_RULE_MARK = {"refused": ("⛔ AWS refuses:", "#b00020"), "warning": ("⚠ AWS accepts, but:", "#8a5a00")}
_TABLE_STYLE = "border-collapse:collapse;font-family:monospace;font-size:90%"
_CELL = "border:1px solid #ccc;padding:2px 6px;text-align:left"


def table_html(head, rows, styles=None, escape=True, wrap=()) -> str:
    """An HTML table; ``head`` empty for none; only columns in ``wrap`` may wrap.

    The others stay on one line so an AZ name or a block is never cut at its hyphen.
    """
    esc = html.escape if escape else str
    # A wide table scrolls sideways instead of squeezing its cells.
    out = [f'<div style="overflow-x:auto"><table style="{_TABLE_STYLE}">']
    if head:
        out.append("<tr>" + "".join(f'<th style="{_cell(k, wrap)}">{html.escape(h)}</th>'
                                    for k, h in enumerate(head)) + "</tr>")
    for i, row in enumerate(rows):
        bg = (styles or [""] * len(rows))[i]
        out.append(f'<tr style="background:{bg}">'
                   + "".join(f'<td style="{_cell(k, wrap)}">{esc(str(c))}</td>'
                             for k, c in enumerate(row)) + "</tr>")
    return "".join(out) + "</table></div>"


def rules_html(rules) -> str:
    """Each rule once, under a table whose rows carry only short notes.

    A rule is a sentence, or a ``(severity, sentence)`` pair: ``"refused"`` rules are
    marked in red as refused by AWS, ``"warning"`` rules in amber as accepted.
    """
    out = []
    for r in dict.fromkeys(rules):
        if isinstance(r, tuple):
            mark, colour = _RULE_MARK[r[0]]
            out.append(f'<div style="margin:2px 0;color:{colour}">{mark} {html.escape(r[1])}</div>')
        else:
            out.append(f'<div style="margin:2px 0">⚠ {html.escape(r)}</div>')
    return "".join(out)


def code_html(summary: str, code: str) -> str:
    """Source in a closed <details>, kept unwrapped and scrolled sideways."""
    return (f"<details><summary>{html.escape(summary)}</summary>"
            '<pre style="white-space:pre;overflow-x:auto;max-height:32em;overflow-y:auto">'
            f"{html.escape(code)}</pre></details>")


def _cell(column: int, wrap) -> str:
    return _CELL + (";white-space:normal" if column in wrap else ";white-space:nowrap")


def strip_html(root: str, blocks: list[str]) -> str:
    # A bar for the root block with each subnet at its place, to scale.
    try:
        net = ipaddress.IPv4Network(root, strict=False)
    except ValueError:
        return ""
    spans = []
    for b in blocks:
        try:
            sub = ipaddress.IPv4Network(b, strict=False)
        except ValueError:
            continue
        left = (int(sub.network_address) - int(net.network_address)) / net.num_addresses * 100
        width = max(sub.num_addresses / net.num_addresses * 100, 0.4)
        if 0 <= left < 100:
            spans.append(f'<div title="{html.escape(b)}" style="position:absolute;left:{left:.3f}%;'
                         f'width:{width:.3f}%;height:100%;background:{NETWORK_COLOUR};'
                         f'border-right:1px solid white"></div>')
    return ('<div style="position:relative;height:14px;width:100%;max-width:640px;'
            f'background:#eee;margin:4px 0">{"".join(spans)}</div>')


def status_html(message: str) -> str:
    return f'<span style="color:#b00020">⚠ {html.escape(message)}</span>' if message else ""
