"""Step through DNS lookups: the resolver's questions, its cache, and a clock to let TTLs run out."""

from __future__ import annotations

import html

import ipywidgets as w

from course import i18n
from course.dns_walk import RECORDS, Lookup, resolve
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import WARN_BACKGROUND, table_html

TEXT = {
    "en": {
        "name": "name",
        "lookup": "Look up",
        "wait": "Wait {seconds} s",
        "flush": "Empty the cache",
        "clock": "Resolver clock: {now} s",
        "head": "step|who answered|reply",
        "cache_server": "resolver's cache",
        "root_server": "root server",
        "tld_server": ".{zone} TLD server",
        "zone_server": "{zone} name server",
        "summary": "{name} → {address}: {queries} server(s) asked.",
        "summary_missing": "{name} does not exist: {queries} server(s) asked.",
        "known": "This offline namespace knows: {names}.",
        "error": "✗ {message}",
        "start": "Type a name and press Look up.",
        "referral": "referral: ask {value}, a name server of {zone} (TTL {ttl} s)",
        "answer": "A {value} (TTL {ttl} s)",
        "nxdomain": "no such name (NXDOMAIN)",
        "cached-answer": "A {value} from the cache ({ttl} s of its TTL left)",
        "cached-referral": "the referral to {zone} is still cached: ask its servers directly",
    },
    "ko": {
        "name": "이름",
        "lookup": "조회",
        "wait": "{seconds}초 기다리기",
        "flush": "캐시 비우기",
        "clock": "리졸버 시계: {now}초",
        "head": "단계|응답한 곳|응답",
        "cache_server": "리졸버 캐시",
        "root_server": "루트 서버",
        "tld_server": ".{zone} TLD 서버",
        "zone_server": "{zone} 네임 서버",
        "summary": "{name} → {address}: 서버 {queries}곳에 물었습니다.",
        "summary_missing": "{name}은(는) 없는 이름입니다: 서버 {queries}곳에 물었습니다.",
        "known": "이 오프라인 네임스페이스가 아는 이름: {names}.",
        "error": "✗ {message}",
        "start": "이름을 입력하고 조회를 누르세요.",
        "referral": "위임: {zone}의 네임 서버 {value}에 물어보세요 (TTL {ttl}초)",
        "answer": "A {value} (TTL {ttl}초)",
        "nxdomain": "그런 이름 없음 (NXDOMAIN)",
        "cached-answer": "캐시에서 A {value} (TTL {ttl}초 남음)",
        "cached-referral": "{zone}으로의 위임이 아직 캐시에 있습니다: 그 서버에 바로 묻습니다",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def _who(server: str) -> str:
    if server == "cache":
        return _t("cache_server")
    if server == "root":
        return _t("root_server")
    return _t("tld_server", zone=server) if "." not in server else _t("zone_server", zone=server)


def steps_html(lookup: Lookup) -> str:
    """The lookup as a table, one row per question, plus a one-line summary."""
    rows = [[n, _who(s.server), _t(s.kind, value=s.value, zone=s.zone, ttl=s.ttl)]
            for n, s in enumerate(lookup.steps, 1)]
    styles = [WARN_BACKGROUND if s.kind == "nxdomain" else "" for s in lookup.steps]
    if lookup.address:
        summary = _t("summary", name=lookup.name, address=lookup.address, queries=lookup.upstream_queries)
    else:
        summary = _t("summary_missing", name=lookup.name, queries=lookup.upstream_queries)
    return table_html(_t("head").split("|"), rows, styles=styles, wrap=(2,)) + f"<p>{html.escape(summary)}</p>"


class DnsWalkView(w.VBox):
    """A name box, Look up / Wait / Empty-cache buttons, and the steps of the last lookup."""

    def __init__(self, name: str = "www.example.com", wait_seconds: int = 300):
        self.now = 0
        self.cache: dict = {}
        self.last: Lookup | None = None
        self.wait_seconds = wait_seconds
        self.name = w.Text(value=name, description=_t("name"))
        self.lookup_button = w.Button(description=_t("lookup"), button_style="primary")
        self.wait_button = w.Button(description=_t("wait", seconds=wait_seconds))
        self.flush_button = w.Button(description=_t("flush"))
        self.clock = w.HTML(_t("clock", now=0))
        self.output = w.HTML(f"<i>{html.escape(_t('start'))}</i>")
        names = ", ".join(sorted(n for zone in RECORDS.values() for n in zone))
        self.lookup_button.on_click(self.look_up)
        self.wait_button.on_click(self.wait)
        self.flush_button.on_click(self.flush)
        super().__init__([w.HBox([self.name, self.lookup_button, self.wait_button, self.flush_button]),
                          self.clock, self.output,
                          w.HTML(f"<small>{html.escape(_t('known', names=names))}</small>")])

    def look_up(self, _button=None) -> None:
        """Resolve the name in the box now, with the resolver's cache."""
        try:
            lookup = resolve(self.name.value, self.now, self.cache)
        except ValueError as e:
            self.output.value = f'<span style="color:#b42318">{html.escape(_t("error", message=str(e)))}</span>'
            return
        self.cache, self.last = lookup.cache, lookup
        self.output.value = steps_html(lookup)

    def wait(self, _button=None) -> None:
        """Move the resolver's clock on, so cached answers age."""
        self.now += self.wait_seconds
        self.clock.value = _t("clock", now=self.now)

    def flush(self, _button=None) -> None:
        """Forget everything the resolver has cached."""
        self.cache = {}


def show_dns_walk(name: str = "www.example.com"):
    """The stepper with a first lookup done, which also stands in where no kernel runs."""
    view = DnsWalkView(name)
    view.look_up()
    return with_fallback(view, html=view.output.value)
