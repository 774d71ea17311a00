"""The cost meter's price lines, each worked by hand from the data files (`course.cost_meter`)."""

from __future__ import annotations

import pytest

from course.cost_meter import (HOURS_PER_MONTH, CostMeterError, Database, Inventory, Ledger, StoredObject, Table,
                               check_region, early_deletion_usd, price, priced_regions, request_charges,
                               request_tier, s3_billable_kb)

KB, GB = 1024, 1024 ** 3


def line(bill, key):
    return next(x for x in bill.lines if x.key == key)


def test_instances_by_type():
    bill = price(Inventory(running_instances=("t3.micro", "t3.micro", "m5.large")))
    # us-east-1: t3.micro $0.0104/h x 2 = $0.0208/h; m5.large $0.096/h.
    assert line(bill, "ec2:t3.micro").hourly_usd == pytest.approx(0.0208)
    assert line(bill, "ec2:m5.large").hourly_usd == pytest.approx(0.096)
    # A 730-hour month of the two t3.micro: 0.0208 x 730 = $15.184.
    assert line(bill, "ec2:t3.micro").monthly_usd == pytest.approx(15.184)


def test_unpriced_instance_type_is_named_and_the_rest_is_priced():
    bill = price(Inventory(running_instances=("x9.huge", "t3.micro")))
    assert bill.missing == ("EC2 instance type x9.huge (x1): no On-Demand price in the course's data",)
    assert bill.hourly_usd == pytest.approx(0.0104)


def test_ebs_volumes_and_snapshots():
    bill = price(Inventory(volumes=(("gp3", 100), ("gp3", 20), ("gp2", 8)), snapshots_gb=(100.0,)))
    # gp3 $0.08 per GB-month: 120 GB -> $9.60 a month; gp2 $0.10 x 8 = $0.80; snapshots $0.05 x 100 = $5.
    assert line(bill, "ebs:gp3").monthly_usd == pytest.approx(9.60)
    assert line(bill, "ebs:gp2").monthly_usd == pytest.approx(0.80)
    assert line(bill, "ebs:snapshots").monthly_usd == pytest.approx(5.00)


def test_public_ipv4_elastic_and_auto_assigned():
    bill = price(Inventory(elastic_ips=1, other_public_ipv4=2))
    # 3 addresses x $0.005/h = $0.015/h; x 730 = $10.95 a month.
    assert line(bill, "ipv4").monthly_usd == pytest.approx(10.95)


def test_nat_gateway_for_a_month():
    bill = price(Inventory(nat_gateways=1, elastic_ips=1))
    # $0.045/h x 730 = $32.85, plus its Elastic IP $3.65: $36.50.
    assert line(bill, "nat").monthly_usd == pytest.approx(32.85)
    assert bill.monthly_usd == pytest.approx(36.50)


def test_load_balancers_by_type():
    bill = price(Inventory(load_balancers=("application", "application", "network")))
    assert line(bill, "elb:application").hourly_usd == pytest.approx(0.045)  # 2 x $0.0225
    assert line(bill, "elb:network").monthly_usd == pytest.approx(16.425)    # $0.0225 x 730


def test_s3_minimum_billable_size_and_archive_overhead():
    # A 1 KB object in STANDARD_IA is billed as 128 KB; in GLACIER as 1 + 32 KB, plus 8 KB at Standard.
    assert s3_billable_kb("STANDARD_IA", KB) == (128, 0)
    assert s3_billable_kb("GLACIER", KB) == (33, 8)
    bill = price(Inventory(s3_objects=(StoredObject("STANDARD", 10 * GB), StoredObject("GLACIER", 100 * GB))))
    # STANDARD: 10 GB + 8 KB overhead at $0.023; GLACIER: 100 GB + 32 KB at $0.0036.
    assert line(bill, "s3:STANDARD").monthly_usd == pytest.approx((10 + 8 / 1024 ** 2) * 0.023)
    assert line(bill, "s3:GLACIER").monthly_usd == pytest.approx((100 + 32 / 1024 ** 2) * 0.0036)
    with pytest.raises(CostMeterError, match="0 or more bytes, got -1"):
        s3_billable_kb("STANDARD", -1)


def test_s3_early_deletion_charge():
    # 1 GB leaves STANDARD_IA after 10 of its 30 minimum days: 20 days at $0.0125 per GB-month (30 days).
    assert early_deletion_usd("STANDARD_IA", GB, 10) == pytest.approx(0.0125 * 20 / 30)
    assert early_deletion_usd("STANDARD_IA", GB, 30) == 0
    # GLACIER's minimum is 90 days; 1 GB + 32 KB overhead, 60 days left.
    assert early_deletion_usd("GLACIER", GB, 30) == pytest.approx((1 + 32 / 1024 ** 2) * 0.0036 * 60 / 30)


def test_s3_requests_by_tier():
    assert [request_tier(op) for op in ("PutObject", "ListObjectsV2", "GetObject", "HeadObject", "DeleteObject")] \
        == ["put", "put", "get", "get", None]
    charges = {c.key: c.usd for c in request_charges({"PutObject": 1000, "GetObject": 2500, "DeleteObject": 9})}
    # 1,000 PUTs x $0.005 per 1,000 = $0.005; 2,500 GETs x $0.0004 per 1,000 = $0.001.
    assert charges == {"s3:requests:put": pytest.approx(0.005), "s3:requests:get": pytest.approx(0.001)}


def test_rds_single_and_multi_az():
    bill = price(Inventory(databases=(Database("db.t4g.micro", 20), Database("db.t4g.micro", 20, multi_az=True))))
    rds = [x for x in bill.lines if x.key == "rds:db.t4g.micro"]
    # $0.016/h Single-AZ; Multi-AZ bills primary and standby: $0.032/h.
    assert sorted(x.hourly_usd for x in rds) == pytest.approx([0.016, 0.032])
    storage = sorted(x.monthly_usd for x in bill.lines if x.key.startswith("rds:storage"))
    assert storage == pytest.approx([20 * 0.115, 40 * 0.115])  # $2.30 and $4.60


def test_stopped_rds_pays_storage_only():
    bill = price(Inventory(databases=(Database("db.t4g.micro", 20, running=False),)))
    assert [x.key for x in bill.lines] == ["rds:storage:db.t4g.micro"]


def test_dynamodb_provisioned_and_storage():
    bill = price(Inventory(tables=(Table("orders", "PROVISIONED", 5, 5, 2 * GB), Table("pay", "PAY_PER_REQUEST"))))
    # 5 RCU x $0.00013 = $0.00065/h; 5 WCU x $0.00065 = $0.00325/h; 2 GB x $0.25 = $0.50 a month.
    assert line(bill, "dynamodb:orders:RCU").hourly_usd == pytest.approx(0.00065)
    assert line(bill, "dynamodb:orders:WCU").hourly_usd == pytest.approx(0.00325)
    assert line(bill, "dynamodb:orders:storage").monthly_usd == pytest.approx(0.50)
    assert not [x for x in bill.lines if ":pay:" in x.key]  # on-demand, empty: nothing to bill


def test_every_line_cites_a_source_and_unverified_ones_are_marked():
    bill = price(Inventory(running_instances=("t3.micro",), nat_gateways=1))
    for x in bill.lines:
        assert x.rate.source.startswith("https://") and x.rate.checked
        assert x.rate.cite().endswith("†") == (not x.rate.verified)
    assert not bill.verified


def test_region_without_prices_names_the_regions_that_have_them():
    assert priced_regions() == ("us-east-1",)
    with pytest.raises(CostMeterError, match=r"no prices for Region 'ap-northeast-2'.*prices for us-east-1 only"):
        price(Inventory(), "ap-northeast-2")
    assert check_region("us-east-1") == "us-east-1"


def test_ledger_runs_a_bill_for_hours_and_ranks_lines():
    bill = price(Inventory(running_instances=("t3.micro",), nat_gateways=1))
    ledger = Ledger()
    ledger.add_hours(bill, HOURS_PER_MONTH)
    # $0.0104 x 730 = $7.592; $0.045 x 730 = $32.85.
    assert ledger.total_usd == pytest.approx(40.442)
    assert [label for label, _, _ in ledger.top(1)] == [line(bill, "nat").label]
    with pytest.raises(CostMeterError, match="hours must be 0 or more"):
        ledger.add_hours(bill, -1)


def test_spot_instances_are_named_not_priced():
    bill = price(Inventory(spot_instances=("t3.micro",)))
    assert bill.lines == () and "Spot t3.micro (x1)" in bill.missing[0]
