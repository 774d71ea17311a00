"""What the course's code prints into a chapter speaks the chapter's language.

A Korean chapter shows Korean, with English only where the learner meets it in the console or
the API (service names, storage classes, states, IDs); an English chapter shows no Korean.
Each module's words are rendered here as the learner sees them, under "ko" and under "en":
the sandbox's greeting and guard, its clock and cost meter, chapter 07's service scopes and
ARN errors, the storage-class chooser, and the tables, checks and errors other chapters print.
No notebook runs here; one in-process sandbox drives the clock.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import re
import string
from types import SimpleNamespace

import pytest

from course import i18n

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Names a Korean learner meets in English in the console; three words or more, so they would
# otherwise read as a sentence.
CONSOLE_NAMES = ("Express One Zone", "Glacier Instant Retrieval", "Glacier Flexible Retrieval", "Glacier Deep Archive",
                 "Application Load Balancer", "Network Load Balancer", "Gateway Load Balancer")
SENTENCE_END = (".", ":", ";", "!", "?")


def visible_text(shown: str) -> str:
    """What a reader sees of ``shown``: HTML without tags (tooltips kept), entities decoded."""
    tooltips = re.findall(r'title="([^"]*)"', shown)
    shown = re.sub(r"<code>.*?</code>", " ", shown, flags=re.S)
    shown = re.sub(r"</?[A-Za-z][^>]*>", " ", shown)
    return html.unescape("\n".join([shown, *tooltips]))


def english_runs(shown: str) -> list[str]:
    """Runs of three or more English words outside parentheses, backticks and console names.

    Identifiers (STANDARD_IA, logs/a1.log, r1, ALARM, t3.micro), numbers and symbols neither count
    nor break a run: "moved to STANDARD_IA by rule" is four English words. Korean breaks a run.
    A list of names ("nano, micro, small") is not prose: a run needs two words that follow on
    from the one before without a comma.
    """
    shown = re.sub(r"`[^`]*`", " ", visible_text(shown))
    while re.search(r"\([^()]*\)", shown):
        shown = re.sub(r"\([^()]*\)", " ", shown)
    for name in CONSOLE_NAMES:
        shown = shown.replace(name, " ")
    runs, run = [], []

    def close():
        nonlocal run
        if len(run) >= 3 and sum(not listed for _, listed in run[:-1]) >= 2:
            runs.append(" ".join(word for word, _ in run))
        run = []

    for line in shown.splitlines():
        for token in line.split() + ["\n"]:
            core = token.strip(",;:.!?\"'“”‘’")
            if HANGUL.search(token) or token == "\n":
                close()
                continue
            if re.fullmatch(r"[A-Za-z][a-z]*(?:'[a-z]+)?", core):
                run.append((core, token.endswith(",")))
            if token.endswith(SENTENCE_END):
                close()
    return runs


def test_the_detector_finds_english_prose_and_lets_console_terms_through():
    assert english_runs("day 30: logs/a1.log moved to STANDARD_IA by rule r1") == ["moved to by rule"]
    assert english_runs("<p>Not priced: EC2 t3.micro</p>") == []
    assert english_runs('<sup title="unverified: see the note under the status line">†</sup>') == [
        "see the note under the status line"]
    assert english_runs("규칙 r1에 따라 logs/a1.log을(를) STANDARD_IA(으)로 전환") == []
    assert english_runs("Express One Zone의 가격 (checked on an AWS page) `put_bucket_lifecycle_configuration`") == []
    assert english_runs("크기는 nano, micro, small, medium, large입니다") == []
    assert english_runs("durability, availability, minimum size, overhead at the Standard rate") == [
        "durability availability minimum size overhead at the Standard rate"]


def korean_only(shown: str, where: str) -> None:
    assert HANGUL.search(visible_text(shown)), f"{where}: no Korean in {shown!r}"
    assert not english_runs(shown), f"{where}: English left in a Korean chapter: {english_runs(shown)} in {shown!r}"


def english_only(shown: str, where: str) -> None:
    assert not HANGUL.search(shown), f"{where}: Korean in an English chapter: {shown!r}"


@pytest.fixture(params=["ko", "en"])
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def check(lang: str, shown: str, where: str = "") -> None:
    (korean_only if lang == "ko" else english_only)(shown, where)


# ------------------------------------------------------------------------------ every message, both languages
MODULES = ("labs.sandbox", "labs.clock", "course.virtual_clock", "course.cost_meter", "labs.cost_state", "course.widgets.cost_meter",
           "course.service_scope", "course.arn", "course.widgets.storage_classes", "course.s3_buckets",
           "course.instance_types", "course.credential_report",
           "course.monitoring_prices", "course.vpc_rules",
           "course.fargate_sizes", "course.lambda_cost")


def _fields(words: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(words) if name}


@pytest.mark.parametrize("name", MODULES)
def test_every_message_exists_in_both_languages_and_each_speaks_its_own(name):
    table = importlib.import_module(name).TEXT
    en, ko = table["en"], table["ko"]
    assert set(en) == set(ko), f"{name}: only in English {sorted(set(en) - set(ko))}, only in Korean {sorted(set(ko) - set(en))}"
    for key in en:
        assert _fields(en[key]) == _fields(ko[key]), f"{name}.{key}: placeholders differ"
        # Placeholders filled with identifiers, as IDs and names fill them in a chapter.
        values = {f: f"x{i}" for i, f in enumerate(_fields(en[key]))}
        english_only(en[key].format(**values), f"{name}.{key}")
        assert not english_runs(ko[key].format(**values)), f"{name}.{key}: {english_runs(ko[key].format(**values))}"


# ------------------------------------------------------------------------------ the sandbox and the guard
def test_the_sandbox_greeting_and_second_run_note_speak_the_language(lang):
    from botocore.exceptions import ClientError

    from labs.sandbox import _text, already_exists_message
    check(lang, _text("ready", region="ap-northeast-2", account="123456789012"), "greeting")
    error = ClientError({"Error": {"Code": "BucketAlreadyOwnedByYou", "Message": "x"}}, "CreateBucket")
    check(lang, already_exists_message(error), "second run")


def test_a_blocked_connection_is_explained_in_the_language(lang):
    from labs.guard import _network_refusal
    refusal = str(_network_refusal("s3.ap-northeast-2.amazonaws.com:443"))
    check(lang, refusal, "network guard")
    assert "from labs.sandbox import start; aws = start()" in refusal


def test_the_missing_font_warning_is_korean(monkeypatch):
    import warnings

    from course import fonts
    monkeypatch.setattr(fonts, "_prepared", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fonts.prepare(set())
    [warning] = [w for w in caught if issubclass(w.category, fonts.NoKoreanFont)]
    korean_only(str(warning.message), "font warning")


# ------------------------------------------------------------------------------ the virtual clock
@pytest.fixture(scope="module")
def clocked():
    """A sandbox whose clock moved S3 objects, expired a TTL item, fired an alarm and ran a schedule."""
    from tests.test_sandbox import sandbox_in_process
    with sandbox_in_process() as aws:
        aws.reset()
        s3 = aws.s3
        s3.create_bucket(Bucket="bkt-1", CreateBucketConfiguration={"LocationConstraint": aws.region})
        s3.put_object(Bucket="bkt-1", Key="logs/a1.log", Body=b"x" * 200 * 1024)
        s3.put_object(Bucket="bkt-1", Key="tmp/t1.txt", Body=b"x")
        s3.put_bucket_lifecycle_configuration(Bucket="bkt-1", LifecycleConfiguration={"Rules": [
            {"ID": "r1", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
             "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}], "Expiration": {"Days": 60}},
            {"Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 7}}]})
        ddb = aws.client("dynamodb")
        ddb.create_table(TableName="tbl-1", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                         BillingMode="PAY_PER_REQUEST")
        ddb.update_time_to_live(TableName="tbl-1", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp1"})
        soon = int((aws.clock.now() + dt.timedelta(days=1)).timestamp())
        ddb.put_item(TableName="tbl-1", Item={"id": {"S": "i1"}, "exp1": {"N": str(soon)}})
        aws.ec2.create_launch_template(LaunchTemplateName="lt-1", LaunchTemplateData={"ImageId": "ami-12c6146b",
                                                                                      "InstanceType": "t3.micro"})
        asg = aws.client("autoscaling")
        asg.create_auto_scaling_group(AutoScalingGroupName="grp-1", LaunchTemplate={"LaunchTemplateName": "lt-1"},
                                      MinSize=1, MaxSize=5, DesiredCapacity=1, AvailabilityZones=[aws.region + "a"])
        asg.put_scaling_policy(AutoScalingGroupName="grp-1", PolicyName="pol-1", PolicyType="SimpleScaling",
                               AdjustmentType="ChangeInCapacity", ScalingAdjustment=1)
        policy = asg.describe_policies(AutoScalingGroupName="grp-1")["ScalingPolicies"][0]["PolicyARN"]
        asg.put_scheduled_update_group_action(AutoScalingGroupName="grp-1", ScheduledActionName="sched-1",
                                              StartTime=aws.clock.now() + dt.timedelta(days=2), DesiredCapacity=3)
        cw = aws.client("cloudwatch")
        real = dt.datetime.now(dt.timezone.utc)
        cw.put_metric_data(Namespace="Ns1", MetricData=[
            {"MetricName": "m1", "Value": v, "Timestamp": real - dt.timedelta(minutes=m)} for v, m in ((90.0, 2), (95.0, 1))])
        cw.put_metric_alarm(AlarmName="alarm-1", Namespace="Ns1", MetricName="m1", Statistic="Average", Period=60,
                            EvaluationPeriods=2, Threshold=80, ComparisonOperator="GreaterThanThreshold",
                            AlarmActions=[policy, "arn:aws:sns:ap-northeast-2:123456789012:topic-1"])
        i18n.set_language("ko")
        try:
            report = aws.clock.advance(days=61)
        finally:
            i18n.set_language("en")
        yield aws, report


def test_the_clock_log_speaks_the_language_it_is_read_in(clocked, lang):
    aws, report = clocked
    lines = aws.clock.log().splitlines()
    # Every kind of event the fixture set off is in the log, and each line speaks the language.
    assert len(lines) == 8, lines
    for line in lines:
        check(lang, line, "clock log")
    check(lang, repr(aws.clock), "clock")
    if lang == "en":
        assert "day 30: logs/a1.log moved to STANDARD_IA by rule r1" in lines
        assert "day 7: tmp/t1.txt expired (deleted) by rule (no ID)" in lines
    else:
        assert "30일째: 규칙 r1에 따라 logs/a1.log을(를) STANDARD_IA(으)로 전환" in lines


def test_an_advance_report_is_in_the_chapter_language(clocked):
    _, report = clocked  # advanced in a Korean chapter
    assert len(report.lines) == 8
    korean_only(repr(report), "advance report")
    for line in report.lines:
        korean_only(line, "advance report")


def test_an_empty_advance_and_an_empty_log_say_so(lang):
    from labs.clock import AdvanceReport, Clock
    check(lang, repr(AdvanceReport([], dt.datetime(2026, 12, 2, tzinfo=dt.timezone.utc), 0)), "empty report")
    check(lang, Clock(sandbox=None).log(), "empty log")


def test_bad_clock_input_is_explained(lang):
    from course.virtual_clock import ClockError, advance_span, alarm_state, cron_times
    now = dt.datetime(2026, 12, 2, tzinfo=dt.timezone.utc)
    for bad in (lambda: advance_span(days=-1), lambda: advance_span(hours="x"),
                lambda: cron_times("every day", now, now + dt.timedelta(days=1)),
                lambda: alarm_state([1.0], 1.0, "Bigger", 1)):
        with pytest.raises(ClockError) as err:
            bad()
        check(lang, str(err.value), "ClockError")


# ------------------------------------------------------------------------------ the cost meter
def _inventory():
    from course.cost_meter import Database, Inventory, StoredObject, Table
    return Inventory(running_instances=("t3.micro", "x9.huge"), volumes=(("gp3", 20.0), ("zz9", 1.0)),
                     snapshots_gb=(8.0,), elastic_ips=1, other_public_ipv4=1, nat_gateways=1,
                     load_balancers=("application", "nope"),
                     s3_objects=(StoredObject("STANDARD_IA", 1024), StoredObject("INTELLIGENT_TIERING", 200 * 1024)),
                     databases=(Database("db.t4g.micro", 20.0, multi_az=True), Database("db.zz9", 20.0)),
                     tables=(Table("tbl-1", "PROVISIONED", 5, 5, 2048),), spot_instances=("t3.micro",))


def test_every_bill_line_note_and_citation_speaks_the_language(lang):
    from course.cost_meter import early_deletion_usd, price, request_charges
    bill = price(_inventory())
    assert len(bill.lines) >= 12 and len(bill.missing) == 5
    for line in bill.lines:
        check(lang, line.label, line.key)
        check(lang, line.rate.cite().replace(line.rate.source, ""), f"{line.key} citation")
    for note in bill.missing:
        check(lang, note, "missing price")
    for charge in request_charges({"PutObject": 3, "GetObject": 2}):
        check(lang, charge.label, charge.key)
    assert early_deletion_usd("STANDARD_IA", 1024, 3) > 0


def test_the_meter_widget_shows_one_language(lang):
    from course.cost_meter import Ledger, price
    from course.widgets.cost_meter import meter_html
    bill, ledger = price(_inventory()), Ledger()
    ledger.add_hours(bill, 24)
    shown = meter_html(ledger, bill, 20, ["day 1: something"] if lang == "en" else ["1일째: 무언가"], 1)
    check(lang, shown, "meter")


def test_the_meter_and_its_errors_speak_the_language(lang):
    from course.cost_meter import CostMeterError, Ledger, check_region, request_charges, s3_billable_kb
    from labs.cost_state import CostMeter
    quiet = SimpleNamespace(on_advance=lambda _: None, after_advance=lambda _: None)
    check(lang, repr(CostMeter(SimpleNamespace(clock=quiet))), "meter repr")
    for bad in (lambda: check_region("ap-northeast-2"), lambda: s3_billable_kb("STANDARD", -1),
                lambda: request_charges({"GetObject": -1}), lambda: Ledger().add_hours(None, -1),
                lambda: Ledger().top(0)):
        with pytest.raises(CostMeterError) as err:
            bad()
        check(lang, str(err.value), "CostMeterError")


# ------------------------------------------------------------------------------ chapter 07: scopes and ARNs
def test_every_service_scope_row_and_error_speaks_the_language(lang):
    from course.service_scope import UnknownServiceError, load_scopes, scope_of
    for key, row in load_scopes().items():
        check(lang, f"{row.name} {row.note}", key)
    with pytest.raises(UnknownServiceError) as err:
        scope_of("Glacier")
    check(lang, str(err.value).replace(", ".join(sorted(load_scopes())), ""), "unknown service")


@pytest.mark.parametrize("bad", ["x:aws:s3:::b", "arn:aws", "arn:aws9:s3:::b", "arn:aws:S 3:::b",
                                 "arn:aws:ec2:seoul:123456789012:instance/i-1", "arn:aws:iam::12:user/u1",
                                 "arn:aws:s3:::"])
def test_arn_errors_speak_the_language(bad, lang):
    from course.arn import ArnError, parse_arn
    with pytest.raises(ArnError) as err:
        parse_arn(bad)
    check(lang, str(err.value).replace(repr(bad), ""), "ArnError")


def test_arn_pattern_errors_speak_the_language(lang):
    from course.arn import ArnError, arn_matches
    for pattern in ("arn:aws:s*:::b1/*", "b1/*"):
        with pytest.raises(ArnError) as err:
            arn_matches(pattern, "arn:aws:s3:::b1/a1")
        check(lang, str(err.value).replace(repr(pattern), ""), "ArnError")


# ------------------------------------------------------------------------------ the storage-class chooser
def test_the_storage_class_chooser_speaks_one_language(lang):
    from course.widgets.storage_classes import StorageClassesView, unverified_note
    check(lang, unverified_note(), "unverified note")
    view = StorageClassesView(debounce_seconds=0)
    for part in (view._status.value, view._table.value, view._why.value, view._lc_status.value, view._lc_view.value):
        check(lang, part, "storage-class chooser")


# ------------------------------------------------------------------------------ chapters 08 and 16: names
@pytest.mark.parametrize("name", ["m7g.large", "c7gn.xlarge", "r7iz.2xlarge", "m5d.4xlarge", "m7i-flex.large",
                                  "t3.micro", "x2iedn.8xlarge", "m7g.metal"])
def test_a_decoded_instance_type_is_described_in_the_language(name, lang):
    from course.instance_types import decode
    for part, words in decode(name).describe():
        check(lang, words, f"{name} {part}")


@pytest.mark.parametrize("bad", [7, "large", "q7.large", "m7w.large", "m7nn.large", "m7g.huge"])
def test_a_bad_instance_type_name_is_explained_in_the_language(bad, lang):
    from course.instance_types import InstanceTypeNameError, decode
    with pytest.raises(InstanceTypeNameError) as err:
        decode(bad)
    check(lang, str(err.value).replace(repr(bad), ""), "InstanceTypeNameError")


@pytest.mark.parametrize("name", ["My_Photos", "192.168.5.4", "logs..2026", "ab", "-x1", "xn--a1", "b1-s3alias"])
def test_bucket_name_problems_speak_the_language(name, lang):
    from course.s3_buckets import bucket_name_problems
    problems = bucket_name_problems(name)
    assert problems
    for problem in problems:
        check(lang, problem, name)


# ------------------------------------------------------------------------------ chapter 04: the credential report
def test_credential_report_findings_and_errors_speak_the_language(lang):
    from course.credential_report import CredentialReportError, findings, parse_credential_report
    head = "user,arn,password_enabled,mfa_active,access_key_1_active,access_key_2_active\n"
    rows = parse_credential_report(head + "<root_account>,arn:aws:iam::123456789012:root,not_supported,false,true,false\n"
                                   "u1,arn:aws:iam::123456789012:user/u1,true,false,true,true\n")
    found = findings(rows)
    assert len(found) == 4
    for f in found:
        check(lang, f"{f.problem}: {f.fix}", f.user)
    for bad in (head + "u1,arn,maybe,false,false,false\n", "user,arn\n"):
        with pytest.raises(CredentialReportError) as err:
            parse_credential_report(bad)
        check(lang, str(err.value), "CredentialReportError")


# ------------------------------------------------------------------------------ chapters 11, 13, 15: VPC prices
def test_every_vpc_price_is_labelled_in_the_language(lang):
    from course.vpc_prices import load_prices
    prices = load_prices()
    assert len(prices) >= 10
    for key, p in prices.items():
        check(lang, f"{p.label}: {p.unit}", key)


# ------------------------------------------------------------------------------ chapter 06: monitoring prices
def test_every_monitoring_price_unit_and_estimate_line_speaks_the_language(lang):
    from course.monitoring_prices import cloudwatch_estimate, load_prices
    prices = load_prices()
    units = [(f"{section}.{name}", p.unit) for section, entries in prices.items() for name, p in entries.items()]
    assert len(units) >= 20
    for where, unit in units:
        check(lang, unit, where)
    for line in cloudwatch_estimate(custom_metrics=25, alarm_metrics=12, log_gb=8).lines:
        check(lang, line.item, "estimate")
    for bad in ({"custom_metrics": -1, "alarm_metrics": 0, "log_gb": 0},
                {"custom_metrics": 10 ** 6, "alarm_metrics": 0, "log_gb": 0}):
        with pytest.raises(ValueError) as err:
            cloudwatch_estimate(**bad)
        check(lang, str(err.value), "estimate error")


# ------------------------------------------------------------------------------ chapter 01: global figures
def test_every_global_infrastructure_note_speaks_the_language(lang):
    from course.global_infrastructure import load_figures
    figures = load_figures()
    assert {"regions", "services"} <= set(figures)
    for key, f in figures.items():
        check(lang, f.note, key)


# ------------------------------------------------------------------------------ chapter 10: load balancer types
def test_load_balancer_uses_notes_and_status_speak_the_language(lang):
    from course.load_balancers import load_balancer_types
    types = load_balancer_types()
    assert types["classic"]["short"] == "CLB"
    for key, t in types.items():
        check(lang, " ".join(t[f] for f in ("use", "status", "features", "note") if f in t), key)


# ------------------------------------------------------------------------------ chapter 18: S3 access scenarios
def test_the_s3_access_scenarios_are_named_in_the_language(lang):
    from course.widgets.s3_access import SCENARIO_WORDS, SCENARIOS, S3AccessView
    assert set(SCENARIO_WORDS) == set(SCENARIOS)
    view = S3AccessView("Cross-account reader")
    labels = [label for label, _ in view.scenario.options]
    assert len(labels) == len(SCENARIOS) and view.scenario.value == "Cross-account reader"
    for label in labels:
        check(lang, label, "scenario")


# ------------------------------------------------------------------------------ chapter 22: key designer samples
@pytest.mark.parametrize("name", ["orders", "readings"])
def test_the_key_designer_samples_speak_the_language_and_ask_the_same_questions(name, lang):
    from course.dynamodb_keys import SAMPLES, parse_patterns
    sample = SAMPLES[name]
    patterns = parse_patterns(sample.patterns, sample.items)
    check(lang, sample.title, name)
    for design in sample.designs:
        check(lang, sample.design_label(design), design)
    for p in patterns:
        check(lang, p.name, name)
    english = parse_patterns(sample.patterns_en, sample.items)
    assert [p.conditions for p in patterns] == [p.conditions for p in english]


# ------------------------------------------------------------------------------ chapters 10 and 15: what AWS refuses
@pytest.mark.parametrize("sizes", [(5, 2, 3), (1, 4, 9), (-1, 4, 2), (1, 4, True)])
def test_group_size_errors_speak_the_language(sizes, lang):
    from course.auto_scaling import AutoScalingInputError, check_group_size
    with pytest.raises(AutoScalingInputError) as err:
        check_group_size(*sizes)
    check(lang, str(err.value), "check_group_size")


class _TwoGatewaysAndAnOverlappingPeering:
    """An EC2 client's answers for a VPC that moto built and AWS would refuse twice."""

    def describe_vpcs(self, Filters):
        return {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}] if Filters[0]["Values"] == ["vpc-1"] else []}

    def describe_internet_gateways(self, Filters):
        return {"InternetGateways": [{"InternetGatewayId": "igw-1"}, {"InternetGatewayId": "igw-2"}]}

    def describe_subnets(self, Filters):
        return {"Subnets": []}

    def describe_vpc_peering_connections(self):
        return {"VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1",
                                           "RequesterVpcInfo": {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"},
                                           "AccepterVpcInfo": {"VpcId": "vpc-2", "CidrBlock": "10.0.0.0/16"}}]}


def test_vpc_refusals_speak_the_language(lang):
    from course.vpc_rules import refusals
    ec2 = _TwoGatewaysAndAnOverlappingPeering()
    found = refusals(ec2, "vpc-1")
    assert [r.rule for r in found] == ["one-igw", "peering-overlap"]
    for r in found:
        check(lang, r.message, r.rule)
    with pytest.raises(LookupError) as err:
        refusals(ec2, "vpc-9")
    check(lang, str(err.value), "no VPC")


# ------------------------------------------------------------------------------ chapter 05: the scenario library
def test_each_iam_scenario_title_is_shown_in_the_language(lang):
    from course.iam import load_scenarios, scenario_title
    scenarios = load_scenarios()
    assert len(scenarios) >= 20
    for s in scenarios:
        check(lang, scenario_title(s), s["id"])


# ------------------------------------------------------------------------------ chapter 24: Lambda and Fargate sizes
def test_lambda_and_fargate_size_problems_speak_the_language(lang):
    from course.fargate_sizes import fargate_size_problem
    from course.lambda_cost import Usage, config_problems, monthly_cost
    problems = config_problems(10241, 901) + [fargate_size_problem(c, m) for c, m in
                                              (("256", "4096"), ("4096", "1024"), ("300", "512"), ("x1", "512"))]
    for bad in (Usage(-1, 100, 128), Usage(1, -1, 128), Usage(1, 100, 128, architecture="sparc")):
        with pytest.raises(ValueError) as err:
            monthly_cost(bad)
        problems.append(str(err.value))
    assert len(problems) == 9 and all(problems)
    for problem in problems:
        check(lang, problem, "size problem")
