"""The cost meter widget: set its controls, read what its HTML then says."""

from __future__ import annotations

import pytest

from course.cost_meter import Inventory, Ledger, price
from course.i18n import set_language
from course.widgets.cost_meter import TEXT, CostMeterView, meter_html, show_cost_meter, usd
from tests.test_sandbox import sandbox_in_process


def test_text_tables_have_the_same_keys_in_both_languages():
    assert set(TEXT["en"]) == set(TEXT["ko"])


def test_usd_shows_cents_and_small_amounts():
    assert (usd(0), usd(32.85), usd(0.00042), usd(1234.5)) == ("$0.00", "$32.85", "$0.00042", "$1,234.50")


def test_html_lists_the_costliest_lines_first_and_marks_unverified():
    bill = price(Inventory(running_instances=("t3.micro",), nat_gateways=1))
    ledger = Ledger()
    ledger.add_hours(bill, 730)
    page = meter_html(ledger, bill, top=1, log_lines=[], day=30)
    # $0.045 x 730 = $32.85 for the NAT gateway; the instance ($7.59) is not in the top 1.
    assert "NAT gateways x 1" in page and "$32.85" in page and "t3.micro" not in page
    assert "Spent so far: <b>$40.44</b> over 30.4167 virtual days" in page
    assert "†" in page


def test_korean_words():
    bill = price(Inventory(nat_gateways=1))
    set_language("ko")
    try:
        page = meter_html(Ledger(), bill, top=3, log_lines=[], day=0)
    finally:
        set_language("en")
    assert "지금까지 쓴 비용" in page and "시계: 0일째" in page


@pytest.fixture
def aws():
    with sandbox_in_process() as box:
        box.reset()
        yield box


def test_view_advances_a_month_and_shows_the_bill(aws):
    ec2 = aws.ec2
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.create_nat_gateway(SubnetId=subnet, AllocationId=eip)
    view = CostMeterView(aws, aws.cost_meter(), top=2)
    assert "Spent so far: <b>$0.00</b>" in view.output.value
    assert "$36.50 per 730-hour month" in view.output.value  # $32.85 NAT + $3.65 Elastic IP
    view.step.value = 30
    view.go.click()
    # 720 hours: NAT $0.045 x 720 = $32.40; the Elastic IP $0.005 x 720 = $3.60.
    assert "Spent so far: <b>$36.00</b> over 30 virtual days" in view.output.value
    assert "Clock: day 30." in view.output.value
    view.top.value = 1
    assert "NAT gateways x 1" in view.output.value and "public IPv4" not in view.output.value


def test_region_without_prices_shows_a_message_not_a_traceback(aws):
    shown = show_cost_meter(aws, price_region="ap-northeast-2")
    assert "no prices for Region &#x27;ap-northeast-2&#x27;" in shown.html
    assert "us-east-1" in shown.html
