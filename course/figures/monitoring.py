"""Figures for the monitoring-and-billing chapter: a metric's way to an alarm action, and a budget."""

from __future__ import annotations

from matplotlib.figure import Figure

from course.diagrams import COLOURS, arrow, canvas, group, node, note
from course.i18n import text

TEXT = {
    "en": {
        "alarm_title": "A metric feeds an alarm; a change of state triggers its actions",
        "sources": "Metric sources",
        "aws_src": "AWS services\n(EC2, S3, Lambda…)",
        "app_src": "Your code\nput_metric_data",
        "metric": "Metric\nnamespace + name\n+ dimensions",
        "alarm": "Alarm\nstatistic over a period\nvs threshold",
        "states": "States: OK · ALARM · INSUFFICIENT_DATA\n(a new alarm starts in INSUFFICIENT_DATA)",
        "actions": "Actions on a state change",
        "sns": "SNS topic → e-mail, SMS, apps",
        "ec2": "EC2: stop, terminate,\nreboot, recover",
        "asg": "Auto Scaling: scale a group",
        "lambda": "Lambda: run a function",
        "ssm": "Systems Manager:\nOpsItem or incident",
        "budget_title": "A monthly cost budget of ${limit:g} with two notifications",
        "actual": "actual so far",
        "forecast": "forecast for the month",
        "limit": "budget ${limit:g}",
        "at80": "notify at 80% of actual",
        "at100": "notify at 100% of forecast",
        "usd": "USD",
    },
    "ko": {
        "alarm_title": "지표가 경보에 들어가고, 상태가 바뀌면 작업이 실행됩니다",
        "sources": "지표 소스",
        "aws_src": "AWS 서비스\n(EC2, S3, Lambda…)",
        "app_src": "내 코드\nput_metric_data",
        "metric": "지표(metric)\n네임스페이스 + 이름\n+ 차원",
        "alarm": "경보(alarm)\n기간별 통계\n대 임계값",
        "states": "상태: OK · ALARM · INSUFFICIENT_DATA\n(새 경보는 INSUFFICIENT_DATA로 시작)",
        "actions": "상태가 바뀔 때의 작업",
        "sns": "SNS 주제 → 이메일, SMS, 앱",
        "ec2": "EC2: 중지, 종료,\n재부팅, 복구",
        "asg": "Auto Scaling: 그룹 조정",
        "lambda": "Lambda: 함수 실행",
        "ssm": "Systems Manager:\nOpsItem 또는 인시던트",
        "budget_title": "월 ${limit:g} 비용 예산과 알림 두 개",
        "actual": "실제 비용",
        "forecast": "이번 달 예측",
        "limit": "예산 ${limit:g}",
        "at80": "실제 비용 80%에서 알림",
        "at100": "예측 비용 100%에서 알림",
        "usd": "USD",
    },
}


def alarm_flow_figure():
    """Metric sources → metric → alarm (with its three states) → the kinds of alarm action."""
    t = lambda key: text(TEXT, key)  # noqa: E731
    fig, ax = canvas(12, 5.4, t("alarm_title"))
    group(ax, 0.2, 0.9, 2.6, 3.6, t("sources"), "neutral", dashed=True)
    aws = node(ax, 1.5, 3.3, t("aws_src"), "compute", w=2.2, h=0.8)
    app = node(ax, 1.5, 1.8, t("app_src"), "user", w=2.2, h=0.8)
    metric = node(ax, 4.2, 2.55, t("metric"), "network", w=2.0, h=1.1)
    alarm = node(ax, 6.9, 2.55, t("alarm"), "security", w=2.2, h=1.1)
    note(ax, 5.3, 0.85, t("states"), size=8)
    group(ax, 8.6, 0.2, 3.25, 4.6, t("actions"), "neutral", dashed=True)
    targets = [("sns", 4.0), ("ec2", 3.2), ("asg", 2.4), ("lambda", 1.7), ("ssm", 0.95)]
    boxes = [node(ax, 10.22, y, t(key), "storage" if key == "sns" else "compute", w=3.0, h=0.62)
             for key, y in targets]
    arrow(ax, aws.side("right"), metric.side("left"))
    arrow(ax, app.side("right"), metric.side("left"))
    arrow(ax, metric.side("right"), alarm.side("left"))
    for box in boxes:
        arrow(ax, alarm.side("right"), box.side("left"))
    return fig


def budget_figure(limit: float = 10.0, actual: float = 8.5, forecast: float = 11.2):
    """Bars of actual and forecast spend against a budget, with 80 % and 100 % notification lines."""
    t = lambda key: text(TEXT, key)  # noqa: E731
    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.add_subplot()
    bars = ax.barh([t("forecast"), t("actual")], [forecast, actual],
                   color=[COLOURS["neutral"], COLOURS["compute"]], height=0.5)
    for bar, value in zip(bars, (forecast, actual)):
        ax.text(value + 0.15, bar.get_y() + bar.get_height() / 2, f"${value:.2f}", va="center", fontsize=9)
    ax.axvline(limit, color=COLOURS["security"], linewidth=2)
    ax.axvline(0.8 * limit, color=COLOURS["security"], linewidth=1, linestyle="--")
    ax.text(limit, 1.45, text(TEXT, "limit", limit=limit), color=COLOURS["security"], ha="center", fontsize=9)
    ax.text(0.8 * limit, -0.62, t("at80"), color=COLOURS["security"], ha="right", fontsize=8)
    ax.text(limit, -0.62, "  " + t("at100"), color=COLOURS["security"], ha="left", fontsize=8)
    ax.set_xlim(0, max(limit, forecast) * 1.35)
    ax.set_ylim(-0.8, 1.7)
    ax.set_xlabel(t("usd"))
    ax.set_title(text(TEXT, "budget_title", limit=limit), loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig
