"""DynamoDB design checks: an access pattern passes only when a Query on the table or a GSI, with
the learner's own key names, returns the right items; a design that needs a Scan fails and says so."""

from __future__ import annotations

import pytest

from labs.checks import dynamodb as check
from labs.checks.dynamodb import AccessPattern, Key, key_for
from tests.test_sandbox import sandbox_in_process

CHAPTER = "22-dynamodb-and-other-databases.ipynb § "

TICKETS = [("T-1", "C-1", "2026-10-03", "A-7"), ("T-2", "C-1", "2026-11-02", "A-3"), ("T-3", "C-2", "2026-11-05", "A-7"),
           ("T-4", "C-1", "2026-11-20", "A-7"), ("T-5", "C-2", "2026-12-01", "A-3")]
NEWEST = AccessPattern("customer, newest first", "customer_id", "C-1", sort="created_at", descending=True)
MONTH = AccessPattern("customer, one month", "customer_id", "C-1", sort="created_at", begins_with="2026-11")
QUEUE = AccessPattern("agent queue", "agent_id", "A-7", sort="created_at")
ANY_ORDER = AccessPattern("customer, any order", "customer_id", "C-1")


def test_key_for_takes_the_table_first_then_the_gsis():
    table, by_agent = Key(None, "customer_id", "created_at"), Key("by-agent", "agent_id", "created_at")
    assert key_for(NEWEST, [table, by_agent]) is table
    assert key_for(QUEUE, [table, by_agent]) is by_agent
    assert key_for(QUEUE, [table]) is None                                     # a Scan
    assert key_for(NEWEST, [Key(None, "customer_id", None)]) is None            # no sort key to order by
    assert key_for(ANY_ORDER, [Key(None, "customer_id", None)]).partition == "customer_id"
    assert key_for(NEWEST, [Key(None, "customer_id", "ticket_id")]) is None     # the wrong sort key


def test_a_prefix_needs_a_sort_key_to_narrow():
    with pytest.raises(ValueError, match="begins_with narrows the sort key"):
        AccessPattern("month", "customer_id", "C-1", begins_with="2026-11")


def test_the_passing_message_names_the_index_it_used(ddb):
    assert "LSI 'by-created'" in check.access_pattern("with-lsi", MONTH, ["T-2", "T-4"], id_attribute="ticket_id").message


def s(value):
    return {"S": value}


@pytest.fixture(scope="module")
def ddb():
    with sandbox_in_process() as aws:
        ddb = aws.client("dynamodb")

        def table(name, keys, *, gsi=None, projection="ALL", lsi=None):
            attributes = ({a for a, _ in keys} | ({a for a, _ in gsi[1]} if gsi else set())
                          | ({a for a, _ in lsi[1]} if lsi else set()))
            request = {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
                       "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "N" if a == "num" else "S"}
                                                for a in sorted(attributes)],
                       "KeySchema": [{"AttributeName": a, "KeyType": k} for a, k in keys]}
            if gsi:
                request["GlobalSecondaryIndexes"] = [{"IndexName": gsi[0], "Projection": {"ProjectionType": projection},
                                                      "KeySchema": [{"AttributeName": a, "KeyType": k} for a, k in gsi[1]]}]
            if lsi:
                request["LocalSecondaryIndexes"] = [{"IndexName": lsi[0], "Projection": {"ProjectionType": "ALL"},
                                                     "KeySchema": [{"AttributeName": a, "KeyType": k} for a, k in lsi[1]]}]
            ddb.create_table(**request)
            for ticket, customer, created, agent in TICKETS:
                item = {"ticket_id": s(ticket), "customer_id": s(customer), "created_at": s(created), "agent_id": s(agent)}
                if name == "numbered":
                    item["num"] = {"N": ticket[2:]}
                ddb.put_item(TableName=name, Item=item)

        by_agent = ("by-agent", [("agent_id", "HASH"), ("created_at", "RANGE")])
        table("good", [("customer_id", "HASH"), ("created_at", "RANGE")], gsi=by_agent)
        table("by-ticket", [("ticket_id", "HASH")], gsi=by_agent)                      # P1 needs a Scan
        table("customer-only", [("customer_id", "HASH")], gsi=by_agent)                # items overwrite each other
        table("keys-only", [("customer_id", "HASH"), ("created_at", "RANGE")], gsi=by_agent, projection="KEYS_ONLY")
        table("numbered", [("num", "HASH")], gsi=("by-customer", [("customer_id", "HASH"), ("created_at", "RANGE")]))
        # Keyed by customer and ticket; an LSI on the creation time answers the customer's patterns.
        table("with-lsi", [("customer_id", "HASH"), ("ticket_id", "RANGE")],
              lsi=("by-created", [("customer_id", "HASH"), ("created_at", "RANGE")]))
        ddb.update_time_to_live(TableName="good", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"})
        ddb.update_time_to_live(TableName="by-ticket", TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"})
        yield ddb


PASSING = [
    lambda: check.access_pattern("good", NEWEST, ["T-4", "T-2", "T-1"], id_attribute="ticket_id"),
    lambda: check.access_pattern("good", MONTH, ["T-2", "T-4"], id_attribute="ticket_id"),
    lambda: check.access_pattern("good", QUEUE, ["T-1", "T-3", "T-4"], id_attribute="ticket_id"),
    lambda: check.access_pattern("good", ANY_ORDER, ["T-2", "T-1", "T-4"], id_attribute="ticket_id"),
    lambda: check.access_pattern("numbered", NEWEST, ["T-4", "T-2", "T-1"], id_attribute="ticket_id"),  # on a GSI
    lambda: check.time_to_live("good", "expires_at"),
    lambda: check.access_pattern("with-lsi", NEWEST, ["T-4", "T-2", "T-1"], id_attribute="ticket_id"),   # on an LSI
]


@pytest.mark.parametrize("run", PASSING, ids=range(len(PASSING)))
def test_check_passes_on_the_right_state(ddb, run):
    result = run()
    assert result.passed, result.explain()
    assert result.message and result.message_ko and not result.hint


FAILING = [
    (lambda: check.access_pattern("by-ticket", NEWEST, ["T-4", "T-2", "T-1"], id_attribute="ticket_id"),
     ["needs a Scan", "partition key 'customer_id' and sort key 'created_at'", "table (ticket_id)",
      "GSI by-agent (agent_id, created_at)"], "Designing keys for access patterns"),
    (lambda: check.access_pattern("good", AccessPattern("by status", "status", "OPEN"), [], id_attribute="ticket_id"),
     ["needs a Scan", "partition key 'status';"], "Designing keys"),
    (lambda: check.access_pattern("customer-only", ANY_ORDER, ["T-1", "T-2", "T-4"], id_attribute="ticket_id"),
     ["the table returned ['T-4']", "expected ['T-1', 'T-2', 'T-4']"], "Partition keys and sort keys"),
    (lambda: check.access_pattern("good", NEWEST, ["T-1", "T-2", "T-4"], id_attribute="ticket_id"),
     ["returned ['T-4', 'T-2', 'T-1']"], "Partition keys"),                       # order matters with a sort key
    (lambda: check.access_pattern("keys-only", QUEUE, ["T-1", "T-3", "T-4"], id_attribute="ticket_id"),
     ["GSI 'by-agent' does not return 'ticket_id'", "KEYS_ONLY"], "Secondary indexes"),
    (lambda: check.access_pattern("numbered", AccessPattern("by number", "num", "T-1"), ["T-1"], id_attribute="ticket_id"),
     ["the Query on the table failed"], "Partition keys"),
    (lambda: check.access_pattern("missing", NEWEST, [], id_attribute="ticket_id"), ["'missing' not found", "good"],
     "Designing keys"),
    (lambda: check.time_to_live("customer-only", "expires_at"), ["time to live is DISABLED"], "Try it: a table"),
    (lambda: check.time_to_live("by-ticket", "expires_at"), ["uses attribute ttl, expected 'expires_at'"], "Try it"),
    (lambda: check.time_to_live("missing", "expires_at"), ["'missing' not found"], "Designing keys"),
]


@pytest.mark.parametrize("run, words, section", FAILING, ids=range(len(FAILING)))
def test_check_fails_on_the_wrong_state_and_says_why(ddb, run, words, section):
    result = run()
    assert not result.passed
    for word in words:
        assert word in result.message, result.message
    assert result.message_ko and result.hint and result.hint_ko, result.explain()
    assert result.see.startswith(CHAPTER + section), result.see
    assert "=" not in result.hint, result.hint


def test_korean_messages_name_the_table_or_index_in_korean(ddb):
    on_table = check.access_pattern("customer-only", ANY_ORDER, ["T-1"], id_attribute="ticket_id")
    on_index = check.access_pattern("keys-only", QUEUE, ["T-1"], id_attribute="ticket_id")
    scan = check.access_pattern("by-ticket", NEWEST, [], id_attribute="ticket_id")
    assert "테이블에 대한 쿼리" in on_table.message_ko and "the table" not in on_table.message_ko
    assert "GSI 'by-agent'" in on_index.message_ko
    assert "정렬 키가 'created_at'" in scan.message_ko and "sort key" not in scan.message_ko
