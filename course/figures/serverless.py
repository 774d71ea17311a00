"""Figures for "Lambda, containers and machine learning": Lambda's three invocation models as
sequence diagrams, and containers beside virtual machines."""

from __future__ import annotations

from course import i18n
from course.diagrams import COLOURS, arrow, canvas, group, node, note

TEXT = {
    "en": {
        "seq_title": "Three ways to invoke a Lambda function",
        "sync": "Synchronous (API Gateway, SDK invoke)",
        "async": "Asynchronous (S3, SNS, EventBridge)",
        "poll": "Poll-based (SQS, Kinesis, DDB Streams)",
        "client": "Client", "apigw": "API Gateway", "fn": "Function",
        "s3": "S3", "queue": "Lambda's\nevent queue",
        "sqs": "SQS queue", "esm": "Event source\nmapping",
        "s_req": "HTTPS request", "s_inv": "invoke", "s_ret": "result", "s_resp": "response (waits)",
        "a_evt": "event", "a_202": "202 accepted", "a_inv": "invoke", "a_retry": "on error: 2 more tries",
        "p_poll": "poll", "p_batch": "batch of messages", "p_inv": "invoke with batch", "p_ok": "ok → delete",
        "vm_title": "Virtual machines and containers",
        "vms": "Virtual machines", "containers": "Containers",
        "hw": "Server hardware", "hyp": "Hypervisor", "guest": "Guest OS",
        "app": "App +\nlibraries", "host": "Host OS (one kernel, shared)", "runtime": "Container runtime",
        "vm_note": "each VM boots its own OS:\nimages of GBs, slower to start",
        "ct_note": "containers share the host kernel:\nimages of MBs, quick to start",
    },
    "ko": {
        "seq_title": "Lambda 함수를 호출하는 세 가지 방법",
        "sync": "동기식 (API Gateway, SDK invoke)",
        "async": "비동기식 (S3, SNS, EventBridge)",
        "poll": "폴링 기반 (SQS, Kinesis, DDB Streams)",
        "client": "클라이언트",
        "apigw": "API Gateway",
        "fn": "함수",
        "s3": "S3",
        "queue": "Lambda의\n이벤트 대기열",
        "sqs": "SQS 대기열",
        "esm": "이벤트 소스\n매핑",
        "s_req": "HTTPS 요청",
        "s_inv": "호출",
        "s_ret": "결과",
        "s_resp": "응답 (기다림)",
        "a_evt": "이벤트",
        "a_202": "202 수락됨",
        "a_inv": "호출",
        "a_retry": "오류 시: 2번 더 시도",
        "p_poll": "폴링",
        "p_batch": "메시지 배치",
        "p_inv": "배치로 호출",
        "p_ok": "성공 → 삭제",
        "vm_title": "가상 머신과 컨테이너",
        "vms": "가상 머신",
        "containers": "컨테이너",
        "hw": "서버 하드웨어",
        "hyp": "하이퍼바이저",
        "guest": "게스트 OS",
        "app": "앱 +\n라이브러리",
        "host": "호스트 OS (커널 하나를 공유)",
        "runtime": "컨테이너 런타임",
        "vm_note": "VM마다 자체 OS로 부팅:\nGB 단위 이미지, 시작이 느림",
        "ct_note": "컨테이너는 호스트 커널을 공유:\nMB 단위 이미지, 빨리 시작",
    },
}


def _t(key: str) -> str:
    return i18n.text(TEXT, key)


def _lifelines(ax, xs, labels, top, bottom, kinds):
    for x, label, kind in zip(xs, labels, kinds):
        node(ax, x, top, label, kind=kind, w=1.22, h=0.55)
        ax.plot([x, x], [bottom, top - 0.3], color=COLOURS["neutral"], linestyle=":", linewidth=1)


def invocation_sequence_figure():
    """Sequence diagrams: synchronous waits; asynchronous queues and retries; poll-based reads batches."""
    fig, ax = canvas(13, 6.4, title=_t("seq_title"))
    # Synchronous: client -> API Gateway -> function, the answer travels back.
    group(ax, 0.1, 0.1, 4.2, 5.8, _t("sync"), kind="compute")
    xs = (0.85, 2.2, 3.55)
    _lifelines(ax, xs, (_t("client"), _t("apigw"), _t("fn")), 4.9, 0.4, ("user", "network", "compute"))
    arrow(ax, (xs[0], 4.1), (xs[1], 4.1), _t("s_req"))
    arrow(ax, (xs[1], 3.4), (xs[2], 3.4), _t("s_inv"))
    arrow(ax, (xs[2], 2.5), (xs[1], 2.5), _t("s_ret"), dashed=True)
    arrow(ax, (xs[1], 1.6), (xs[0], 1.6), _t("s_resp"), dashed=True)
    # Asynchronous: the event source gets 202 at once; Lambda's queue invokes and retries.
    group(ax, 4.45, 0.1, 4.2, 5.8, _t("async"), kind="storage")
    xs = (5.2, 6.55, 7.9)
    _lifelines(ax, xs, (_t("s3"), _t("queue"), _t("fn")), 4.9, 0.4, ("storage", "neutral", "compute"))
    arrow(ax, (xs[0], 4.1), (xs[1], 4.1), _t("a_evt"))
    arrow(ax, (xs[1], 3.5), (xs[0], 3.5), _t("a_202"), dashed=True)
    arrow(ax, (xs[1], 2.6), (xs[2], 2.6), _t("a_inv"))
    arrow(ax, (xs[1], 1.5), (xs[2], 1.5), _t("a_retry"), colour=COLOURS["security"])
    # Poll-based: the event source mapping (inside Lambda) polls the queue and invokes with batches.
    group(ax, 8.8, 0.1, 4.1, 5.8, _t("poll"), kind="database")
    xs = (9.5, 10.85, 12.2)
    _lifelines(ax, xs, (_t("sqs"), _t("esm"), _t("fn")), 4.9, 0.4, ("database", "neutral", "compute"))
    arrow(ax, (xs[1], 4.1), (xs[0], 4.1), _t("p_poll"))
    arrow(ax, (xs[0], 3.4), (xs[1], 3.4), _t("p_batch"), dashed=True)
    arrow(ax, (xs[1], 2.5), (xs[2], 2.5), _t("p_inv"))
    arrow(ax, (xs[2], 1.6), (xs[1], 1.6), _t("p_ok"), dashed=True)
    return fig


def containers_vs_vms_figure():
    """Two stacks: VMs each carry a guest OS on a hypervisor; containers share one host kernel."""
    fig, ax = canvas(11, 4.8, title=_t("vm_title"))
    group(ax, 0.1, 0.1, 5.2, 4.3, _t("vms"), kind="compute")
    group(ax, 5.6, 0.1, 5.3, 4.3, _t("containers"), kind="network")
    node(ax, 2.7, 0.55, _t("hw"), kind="neutral", w=4.6, h=0.5)
    node(ax, 2.7, 1.2, _t("hyp"), kind="security", w=4.6, h=0.5)
    for x in (1.5, 3.9):
        node(ax, x, 1.9, _t("guest"), kind="compute", w=2.1, h=0.55)
        node(ax, x, 2.75, _t("app"), kind="public", w=2.1, h=0.8)
    note(ax, 0.5, 3.8, _t("vm_note"), size=8)
    node(ax, 8.25, 0.55, _t("hw"), kind="neutral", w=4.7, h=0.5)
    node(ax, 8.25, 1.2, _t("host"), kind="compute", w=4.7, h=0.5)
    node(ax, 8.25, 1.85, _t("runtime"), kind="network", w=4.7, h=0.5)
    for x in (6.8, 8.25, 9.7):
        node(ax, x, 2.75, _t("app"), kind="public", w=1.3, h=0.8)
    note(ax, 6.0, 3.8, _t("ct_note"), size=8)
    return fig
