"""Views of a VPC plan: "Plan a VPC" (template, reshape, boto3 export) and "Show my VPC"."""

from __future__ import annotations

import html
import ipaddress

import ipywidgets as w
from botocore.exceptions import BotoCoreError, ClientError

from course import cidr as logic
from course import i18n
from course import vpc_plan as plans
from course.i18n import text
from course.widgets.html_parts import (ADVICE_BACKGROUND, WARN_BACKGROUND, code_html, rules_html, status_html,
                                       strip_html, table_html)

TEXT = {
    "en": {
        "stale_plan": "⚠ Out of date: the table and code below are the last plan that worked, not "
                      "the choices above. Fix the error to update them.",
        "vpc_block": "VPC block",
        "name_tag": "Name tag",
        "azs": "AZs",
        "subnet": "subnet",
        "block": "block",
        "az": "AZ",
        "name": "name",
        "tier": "tier",
        "usable": "usable (AWS)",
        "aws_check": "AWS check",
        "ok": "ok",
        "code": "boto3 calls for this plan",
        "show_default": "show default VPC",
        "refresh": "Refresh",
        "read_failed": "could not read your VPCs: {error}",
        "default_vpc": " (default VPC)",
        "free_now": "free now",
        "no_vpcs": "No VPCs to show.",
    },
    "ko": {
        "stale_plan": "⚠ 최신 아님: 아래 표와 코드는 위의 선택이 아니라 마지막으로 성공한 계획입니다. "
                      "오류를 고치면 다시 갱신됩니다.",
        "vpc_block": "VPC 블록",
        "name_tag": "Name 태그",
        "azs": "AZ 수",
        "subnet": "서브넷",
        "block": "블록",
        "az": "AZ",
        "name": "이름",
        "tier": "계층",
        "usable": "사용 가능 (AWS)",
        "aws_check": "AWS 검사",
        "ok": "정상",
        "code": "이 계획을 만드는 boto3 호출",
        "show_default": "기본 VPC 표시",
        "refresh": "새로 고침",
        "read_failed": "VPC를 읽을 수 없습니다: {error}",
        "default_vpc": " (기본 VPC)",
        "free_now": "현재 남은 주소",
        "no_vpcs": "표시할 VPC가 없습니다.",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


class PlanVpc(w.VBox):
    """"Plan a VPC": public/private/database subnets over 2 or 3 of Seoul's 4 AZs, exported as boto3.

    Change the VPC block, AZ count or a tier's prefix to re-lay the template;
    pick one subnet to move it or change its AZ. Read-only results: ``plan``,
    ``problems``, ``code`` (Python source) and ``status``.
    """

    def __init__(self, vpc_cidr: str = "10.0.0.0/16", azs: int = 2, prefix: int = 24,
                 name: str = "course-vpc"):
        self._vpc = w.Text(value=vpc_cidr, description=_t("vpc_block"), continuous_update=False,
                           layout=w.Layout(width="250px"))
        self._vpc_name = w.Text(value=name, description=_t("name_tag"), continuous_update=False,
                                layout=w.Layout(width="250px"))
        # ToggleButtons' box is a block: make it a row so the pair sits beside its label.
        self._azs = w.ToggleButtons(options=[2, 3], value=azs, description=_t("azs"),
                                    style={"button_width": "40px", "description_width": "40px"},
                                    layout=w.Layout(display="flex", flex_flow="row nowrap",
                                                    align_items="center", width="auto",
                                                    flex="0 0 auto"))
        # The dropdown offers only what AWS allows, /16 to /28.
        self._tier_prefix = {t: w.Dropdown(options=list(range(logic.AWS_LARGEST_PREFIX,
                                                              logic.AWS_SMALLEST_PREFIX + 1)),
                                           value=prefix, description=f"{t} /",
                                           layout=w.Layout(width="200px")) for t in plans.TIERS}
        self._pick = w.Dropdown(description=_t("subnet"), layout=w.Layout(width="250px"))
        self._pick_cidr = w.Text(description=_t("block"), continuous_update=False,
                                 layout=w.Layout(width="250px"))
        self._pick_az = w.Dropdown(options=plans.DEFAULT_AZS + ("ap-northeast-2d",),
                                   description=_t("az"), layout=w.Layout(width="250px"))
        self._table = w.HTML()
        self._code_html = w.HTML()
        self._status = w.HTML()
        self._status_text = ""
        self._stale = False
        self._plan = plans.template(vpc_cidr, azs, prefix, name=name)
        self._syncing = False
        for control in [self._vpc, self._vpc_name, self._azs, *self._tier_prefix.values()]:
            control.observe(self._on_template, names="value")
        self._pick.observe(self._on_pick, names="value")
        self._pick_cidr.observe(self._on_reshape, names="value")
        self._pick_az.observe(self._on_reshape, names="value")
        # Status above the table, beside the controls whose errors it reports.
        super().__init__([w.HBox([self._vpc, self._vpc_name, self._azs]),
                          w.HBox(list(self._tier_prefix.values())),
                          w.HBox([self._pick, self._pick_cidr, self._pick_az]),
                          self._status, self._table, self._code_html])
        self._update()

    plan = property(lambda self: self._plan, doc="The current :class:`VpcPlan`.")
    problems = property(lambda self: tuple(plans.problems(self._plan)),
                        doc="What AWS would refuse in the plan, and warnings (see each severity).")
    code = property(lambda self: plans.to_boto3(self._plan), doc="boto3 source creating the plan.")
    status = property(lambda self: self._status_text, doc="The last error message, or ''.")
    stale = property(lambda self: self._stale,
                     doc="True while the controls hold a choice the table does not show (after an error).")

    def _on_template(self, _change):
        if self._syncing:
            return
        try:
            self._plan = plans.template(self._vpc.value, self._azs.value, name=self._vpc_name.value,
                                        prefixes={t: d.value for t, d in self._tier_prefix.items()})
        except (logic.CidrError, plans.PlanError) as err:
            return self._show_stale(err.message)
        self._update()

    def _show_stale(self, message: str):
        """The error, and the last good table and code dimmed under a note that they are out of date."""
        self._set_status(message)
        if not self._stale:
            self._stale = True
            note = f'<p style="color:#b00;margin:2px 0">{html.escape(text(TEXT, "stale_plan"))}</p>'
            self._table.value = note + f'<div style="opacity:0.35">{self._table.value}</div>'
            self._code_html.value = f'<div style="opacity:0.35">{self._code_html.value}</div>'

    def _on_pick(self, _change):
        if self._pick.value is None:
            return
        chosen = self._plan.subnet(self._pick.value)
        self._syncing = True
        try:
            self._pick_cidr.value = chosen.cidr
            if chosen.az not in self._pick_az.options:
                self._pick_az.options = tuple(self._pick_az.options) + (chosen.az,)
            self._pick_az.value = chosen.az
        finally:
            self._syncing = False

    def _on_reshape(self, _change):
        if self._syncing or self._pick.value is None:
            return
        try:
            self._plan = plans.replace_subnet(self._plan, self._pick.value,
                                              cidr=self._pick_cidr.value, az=self._pick_az.value)
        except logic.CidrError as err:
            return self._show_stale(err.message)
        self._update()

    def _update(self):
        self._stale = False
        issues = plans.problems(self._plan)
        notes = logic.short_notes(issues, len(self._plan.subnets))
        rows, styles = [], row_styles(issues, len(self._plan.subnets))
        for s, mine in zip(self._plan.subnets, notes):
            rows.append([s.name, s.tier, s.az, s.cidr, f"{logic.aws_usable(s.cidr):,}",
                         "; ".join(mine) or _t("ok")])
        self._table.value = (f"<b>{html.escape(self._plan.name)}</b> {self._plan.cidr} "
                             f"{strip_html(self._plan.cidr, [s.cidr for s in self._plan.subnets])}"
                             + table_html([_t("name"), _t("tier"), _t("az"), _t("block"), _t("usable"),
                                           _t("aws_check")], rows, styles)
                             + rules_html(_rules(issues)))
        self._code_html.value = code_html(_t("code"), self.code)
        self._set_status("")
        names = [s.name for s in self._plan.subnets]
        keep = self._pick.value if self._pick.value in names else (names[0] if names else None)
        self._syncing = True
        try:
            self._pick.options = names
            self._pick.value = keep
        finally:
            self._syncing = False
        self._on_pick(None)

    def _set_status(self, message: str):
        self._status_text = message
        self._status.value = status_html(message)


class ShowMyVpc(w.VBox):
    """"Show my VPC": draw the VPCs and subnets an EC2 client sees, flag what AWS refuses or rewrites.

    Pass ``aws.ec2`` from the sandbox. moto accepts some subnets AWS refuses (a
    /29, for one); those rows are highlighted. Read-only: ``vpcs``, ``status``.
    """

    def __init__(self, ec2, include_default: bool = True):
        self._ec2 = ec2
        self._include_default = w.Checkbox(value=include_default, description=_t("show_default"),
                                           indent=False)
        self._refresh = w.Button(description=_t("refresh"), icon="refresh")
        self._drawing = w.HTML()
        self._status = w.HTML()
        self._status_text = ""
        self._vpcs: tuple[plans.ExistingVpc, ...] = ()
        self._refresh.on_click(lambda _: self.refresh())
        self._include_default.observe(lambda _: self._draw(), names="value")
        super().__init__([w.HBox([self._refresh, self._include_default]), self._drawing,
                          self._status])
        self.refresh()

    vpcs = property(lambda self: self._vpcs, doc="What the last refresh read.")
    status = property(lambda self: self._status_text, doc="The last error message, or ''.")

    def refresh(self):
        """Read the VPCs again (the Refresh button does this)."""
        try:
            self._vpcs = tuple(plans.read_vpcs(self._ec2))
        except (BotoCoreError, ClientError, logic.CidrError) as err:
            self._status_text = _t("read_failed", error=err)
            self._status.value = status_html(self._status_text)
            return
        self._status_text = ""
        self._status.value = ""
        self._draw()

    def _draw(self):
        shown = [v for v in self._vpcs if self._include_default.value or not v.is_default]
        parts = []
        for v in shown:
            title = f"{v.vpc_id} {html.escape(v.name or '')} {' + '.join(v.cidrs)}"
            title += _t("default_vpc") if v.is_default else ""
            rows, styles = [], row_styles(v.problems, len(v.subnets))
            notes = logic.short_notes(v.problems, len(v.subnets))
            for s, mine in zip(v.subnets, notes):
                expected = _safe_usable(s.cidr)
                rows.append([s.name or "", s.subnet_id, s.az, s.cidr, expected,
                             "" if s.available_ips is None else f"{s.available_ips:,}",
                             "; ".join(mine) or _t("ok")])
            parts.append(f"<h4>{title}</h4>"
                         + strip_html(v.cidrs[0], [s.cidr for s in v.subnets])
                         + table_html([_t("name"), _t("subnet"), _t("az"), _t("block"), _t("usable"),
                                       _t("free_now"), _t("aws_check")], rows, styles)
                         + rules_html(_rules(v.problems)))
        self._drawing.value = "".join(parts) or f"<i>{_t('no_vpcs')}</i>"


def row_styles(issues, count: int) -> list[str]:
    """Row backgrounds: red where AWS refuses something in the row, amber where it only warns."""
    styles = [""] * count
    for v in issues:
        if v.position is not None and 0 <= v.position < count:
            if v.severity == logic.REFUSED or styles[v.position] != WARN_BACKGROUND:
                styles[v.position] = WARN_BACKGROUND if v.severity == logic.REFUSED else ADVICE_BACKGROUND
        if v.other is not None and 0 <= v.other < count and v.severity == logic.REFUSED:
            styles[v.other] = WARN_BACKGROUND
    return styles


def _rules(issues) -> list[tuple[str, str]]:
    # A problem of the whole VPC is said in full; a subnet's row holds a short note, and
    # the rule behind it is said once under the table. Warnings are said in full: each
    # names what AWS accepts and why it still matters.
    return [(v.severity, v.message if v.position is None or v.rule not in logic.RULES
             else logic.rule_text(v.rule)) for v in issues
            if v.position is None or v.rule in logic.RULES or v.severity == logic.WARNING]


def _safe_usable(block: str) -> str:
    try:
        return f"{logic.aws_usable(ipaddress.IPv4Network(block, strict=False)):,}"
    except ValueError:
        return "?"
