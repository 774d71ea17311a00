"""The sandbox's cost meter: read what exists through the AWS API and price it (`course.cost_meter`).

``meter = aws.cost_meter()`` prices the sandbox's resources at us-east-1 list prices (the
Region the course has checked prices for). ``meter.bill()`` is the rate now; the clock drives
the running total: each step of ``aws.clock.advance(...)`` adds the rate at its start times
its hours, plus one-off charges (S3 requests the learner made through ``aws.client("s3")``,
and minimum-duration charges when lifecycle moves an object out of a class early).
"""

from __future__ import annotations

import datetime as dt

from course.cost_meter import (TEXT as BILL_TEXT, Bill, Charge, Database, Inventory, Ledger, StoredObject, Table,
                               check_region, early_deletion_usd, price, request_charges, s3_rate)
from course.i18n import text

_COUNTS_ATTR = "_aws_course_kit_request_counts"
TEXT = {
    "en": {"meter": "<Cost meter ({region} list prices): {usd} so far over {days} virtual days>"},
    "ko": {"meter": "<비용 미터 ({region} 정가): 가상 {days}일 동안 지금까지 {usd}>"},
}


def count_requests(client) -> None:
    """Count the requests ``client`` makes, by operation name (for the S3 request charge)."""
    counts: dict[str, int] = {}
    setattr(client, _COUNTS_ATTR, counts)

    def tally(model, **_):
        counts[model.name] = counts.get(model.name, 0) + 1

    client.meta.events.register("before-call.*", tally)


def request_counts(sandbox) -> dict[str, int]:
    """Requests made so far through the sandbox's own S3 client, by operation."""
    client = sandbox._clients.get("s3")
    return dict(getattr(client, _COUNTS_ATTR, {})) if client is not None else {}


def read_inventory(sandbox) -> Inventory:
    """Everything the meter prices, read through the API with the checks' own clients."""
    ec2 = sandbox.check_client("ec2")
    types, spot, auto_ipv4 = [], [], 0
    addresses = ec2.describe_addresses()["Addresses"]
    eip_ips = {a.get("PublicIp") for a in addresses}
    for r in ec2.describe_instances(
            Filters=[{"Name": "instance-state-name", "Values": ["running", "pending"]}])["Reservations"]:
        for i in r["Instances"]:
            if i.get("InstanceLifecycle") == "spot":
                spot.append(i["InstanceType"])
            else:
                types.append(i["InstanceType"])
            if i.get("PublicIpAddress") and i["PublicIpAddress"] not in eip_ips:
                auto_ipv4 += 1
    volumes = tuple((v["VolumeType"], float(v["Size"])) for v in ec2.describe_volumes()["Volumes"])
    snapshots = tuple(float(s["VolumeSize"]) for s in ec2.describe_snapshots(
        # A filter, not OwnerIds: moto answers OwnerIds=["self"] with its ~1,300 AMI snapshots, slowly.
        Filters=[{"Name": "owner-id", "Values": [sandbox.account_id]}])["Snapshots"])
    nats = [n for n in ec2.describe_nat_gateways()["NatGateways"] if n.get("State") in ("pending", "available")]
    lbs = tuple(lb["Type"] for lb in sandbox.check_client("elbv2").describe_load_balancers()["LoadBalancers"])
    s3 = sandbox.check_client("s3")
    objects = []
    for b in s3.list_buckets().get("Buckets", []):
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=b["Name"]):
            objects += [StoredObject(v.get("StorageClass", "STANDARD"), v.get("Size", 0))
                        for v in page.get("Versions", [])]
    rds = sandbox.check_client("rds")
    dbs = tuple(Database(d["DBInstanceClass"], float(d.get("AllocatedStorage", 0)), bool(d.get("MultiAZ")),
                         d.get("DBInstanceStatus") != "stopped")
                for d in rds.describe_db_instances()["DBInstances"])
    ddb = sandbox.check_client("dynamodb")
    tables = []
    for name in ddb.list_tables().get("TableNames", []):
        t = ddb.describe_table(TableName=name)["Table"]
        mode = t.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")
        tp = t.get("ProvisionedThroughput", {})
        tables.append(Table(name, mode, tp.get("ReadCapacityUnits", 0), tp.get("WriteCapacityUnits", 0),
                            t.get("TableSizeBytes", 0)))
    return Inventory(tuple(types), volumes, snapshots, len(addresses), auto_ipv4, len(nats), lbs,
                     tuple(objects), dbs, tuple(tables), tuple(spot))


class CostMeter:
    """A running bill for one sandbox, driven by its clock."""

    def __init__(self, sandbox, price_region: str = "us-east-1"):
        self.sandbox = sandbox
        self.price_region = check_region(price_region)
        self.ledger = Ledger()
        self._billed_requests: dict[str, int] = {}
        self._billed_changes = 0
        self._views: list = []
        self._cached: tuple | None = None  # (events logged, step end, bill)
        sandbox.clock.on_advance(self._accrue)
        sandbox.clock.after_advance(self._finished)

    def __repr__(self) -> str:
        return text(TEXT, "meter", region=self.price_region, usd=f"${self.ledger.total_usd:,.2f}",
                    days=f"{self.ledger.hours / 24:g}")

    def bill(self) -> Bill:
        """What the sandbox's resources cost per hour now, itemised."""
        return price(read_inventory(self.sandbox), self.price_region)

    def reset(self) -> None:
        """Start the running total again at $0."""
        self.ledger = Ledger()
        self._billed_requests = {}
        self._billed_changes = 0
        self._cached = None

    def watch(self, callback) -> None:
        """Call ``callback(bill)`` after each advance with the bill then (the widget redraws)."""
        self._views.append(callback)

    def _finished(self) -> None:
        for charge in self.pending_charges():
            self.ledger.add_charge(charge)
        if self._views:
            bill = self.bill()
            for view in self._views:
                view(bill)

    def _accrue(self, start: dt.datetime, end: dt.datetime) -> None:
        # Within one advance nothing but the clock changes the sandbox: read it again only
        # after a step in which the clock did something.
        logged = len(self.sandbox.clock.events)
        if self._cached and self._cached[0] == logged and self._cached[1] == start:
            bill = self._cached[2]
        else:
            bill = self.bill()
        self._cached = (logged, end, bill)
        self.ledger.add_hours(bill, (end - start).total_seconds() / 3600)
        for charge in self.pending_charges():
            self.ledger.add_charge(charge)

    def pending_charges(self) -> list[Charge]:
        """One-off charges not yet in the ledger (and mark them billed)."""
        counts = request_counts(self.sandbox)
        new = {op: n - self._billed_requests.get(op, 0) for op, n in counts.items()}
        self._billed_requests = counts
        out = request_charges({op: n for op, n in new.items() if n > 0}, self.price_region)
        changes = self.sandbox.clock.s3_changes[self._billed_changes:]
        self._billed_changes += len(changes)
        early = sum(early_deletion_usd(c.storage_class, c.size_bytes, c.days_held, self.price_region)
                    for c in changes)
        if early:
            r = s3_rate("STANDARD_IA", "storage_gb_month", self.price_region)
            out.append(Charge("s3:early", text(BILL_TEXT, "early"), early, r))
        return out
