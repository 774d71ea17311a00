"""The DynamoDB key-design explorer, on small hand-worked tables."""

import pytest

from course.dynamodb_keys import (SAMPLES, AccessPattern, Condition, Index, KeyDesign, KeyDesignError,
                                  create_table_request, explore, parse_pattern, parse_patterns,
                                  plan_pattern, request_for, to_attribute_value)

# Six orders: customer A has four, B one, C one.
ITEMS = [
    {"cust": "A", "at": "2026-04-02", "id": "o1", "status": "DONE"},
    {"cust": "A", "at": "2026-05-03", "id": "o2", "status": "DONE"},
    {"cust": "A", "at": "2026-05-20", "id": "o3", "status": "OPEN", "total": 30},
    {"cust": "A", "at": "2026-06-01", "id": "o4", "status": "DONE", "total": 5},
    {"cust": "B", "at": "2026-05-09", "id": "o5", "status": "OPEN"},
    {"cust": "C", "at": "2026-06-11", "id": "o6", "status": "DONE"},
]
DESIGN = KeyDesign("cust", "at", (Index("by-id", "id"), Index("by-status", "status", "at")))


def eq(attr, v):
    return Condition(attr, "=", (v,))


def pattern(*conditions, name="p", rate=1.0):
    return AccessPattern(name, tuple(conditions), rate)


def test_items_per_partition_key_value_and_the_hot_one():
    spread = explore(ITEMS, DESIGN).table
    assert spread.items == (("A", 4), ("B", 1), ("C", 1))
    assert spread.hot_items == ("A",)          # 4/6 = 67 %, above 25 % and above an even third


def test_an_even_spread_has_no_hot_value():
    items = [{"k": k, "s": n} for k in "wxyz" for n in range(3)]   # 25 % each
    assert explore(items, KeyDesign("k", "s")).table.hot_items == ()


def test_a_gsi_spread_counts_only_items_that_have_its_key():
    spreads = {s.index: s for s in explore(ITEMS, KeyDesign("id", gsis=(Index("by-total", "total"),))).spreads}
    assert spreads["by-total"].items == ((5, 1), (30, 1)) and spreads["by-total"].unindexed == 4


def test_the_whole_primary_key_by_equality_is_a_getitem():
    plan = plan_pattern(ITEMS, DESIGN, pattern(eq("cust", "A"), eq("at", "2026-05-03")))
    assert (plan.operation, plan.index, plan.items_read, plan.items_returned) == ("GetItem", None, 1, 1)


def test_partition_key_and_a_sort_key_prefix_is_a_table_query():
    plan = plan_pattern(ITEMS, DESIGN, pattern(eq("cust", "A"), Condition("at", "begins_with", ("2026-05",))))
    assert (plan.operation, plan.index, plan.items_read, plan.items_returned) == ("Query", None, 2, 2)
    assert plan.key_condition_text() == "#k0 = :k0_0 AND begins_with(#k1, :k1_0)" and not plan.filters


def test_an_attribute_only_a_gsi_keys_is_a_gsi_query_never_a_getitem():
    plan = plan_pattern(ITEMS, DESIGN, pattern(eq("id", "o5")))
    assert (plan.operation, plan.index, plan.items_read) == ("Query", "by-id", 1)


def test_a_non_key_condition_becomes_a_filter_and_the_reads_are_counted():
    plan = plan_pattern(ITEMS, KeyDesign("cust", "at"), pattern(eq("cust", "A"), eq("status", "OPEN")))
    assert (plan.operation, plan.items_read, plan.items_returned) == ("Query", 4, 1)
    assert [c.attribute for c in plan.filters] == ["status"]
    assert "reads 4 item(s) and the filter drops 3" in plan.warning


def test_the_index_without_a_filter_wins_over_the_table_with_one():
    plan = plan_pattern(ITEMS, DESIGN, pattern(eq("status", "OPEN"), Condition("at", "between", ("2026-05-01", "2026-05-31"))))
    assert (plan.operation, plan.index, plan.items_read, plan.items_returned) == ("Query", "by-status", 2, 2)


def test_no_key_serves_it_so_it_is_a_scan_with_a_warning_and_a_suggestion():
    plan = plan_pattern(ITEMS, KeyDesign("id"), pattern(eq("status", "OPEN"), Condition("at", "begins_with", ("2026-05",))))
    assert (plan.operation, plan.items_read, plan.items_returned) == ("Scan", 6, 2)
    assert "Scan reads all 6 items to return 2" in plan.warning
    assert "GSI with partition key 'status' and sort key 'at'" in plan.warning


def test_a_sort_key_condition_alone_cannot_query():
    assert plan_pattern(ITEMS, DESIGN, pattern(Condition("at", "begins_with", ("2026-06",)))).operation == "Scan"


def test_requests_go_to_the_value_each_pattern_names_and_scans_are_left_out():
    e = explore(ITEMS, KeyDesign("cust", "at"), [pattern(eq("cust", "A"), rate=9), pattern(eq("cust", "B"), rate=1),
                                                  pattern(eq("status", "OPEN"), rate=5)])
    assert e.table.requests == (("A", 9), ("B", 1))
    assert e.table.hot_requests == ("A",) and len(e.scans) == 1


@pytest.mark.parametrize("items, design, patterns, words", [
    ([], KeyDesign("cust"), [], "there are no items"),
    (ITEMS, KeyDesign("cust", "at"), [pattern(eq("colour", "red"), name="red ones")],
     "access pattern 'red ones' uses the attribute 'colour', which no item has"),
    (ITEMS, KeyDesign("cust", "total"), [], "item 0 has no 'total', the table's sort key"),
    (ITEMS, KeyDesign("cust"), [], "items 0 and 1 have the same primary key (cust='A')"),
    (ITEMS, KeyDesign("cust", "at", (Index("by-x", "x"),)), [], "GSI 'by-x': no item has the attribute 'x'"),
    ([{"k": "a"}, {"k": 1}], KeyDesign("k"), [], "key attribute 'k' is a string in item 0 but a number in item 1"),
    ([{"k": ["a"]}], KeyDesign("k"), [], "item 0: key attribute 'k' is a list"),
    (ITEMS, KeyDesign("cust", "cust"), [], "is also the partition key"),
    (ITEMS, DESIGN, [AccessPattern("p", (Condition("at", "between", ("a",)),))], "between on 'at' takes 2 value(s)"),
    (ITEMS, DESIGN, [AccessPattern("p", (Condition("total", "begins_with", (1,)),))],
     "begins_with works on strings, but 'total' holds numbers"),
])
def test_bad_input_is_named(items, design, patterns, words):
    with pytest.raises(KeyDesignError) as e:
        explore(items, design, patterns)
    assert words in str(e.value)


def test_patterns_are_read_from_text_with_numbers_where_the_data_has_numbers():
    p = parse_pattern("Big ones: cust = A, total between 10 .. 99", ITEMS)
    assert p.name == "Big ones"
    assert p.conditions == (Condition("cust", "=", ("A",)), Condition("total", "between", (10, 99)))
    assert len(parse_patterns("# comment\nx: cust = B\n\ny: id = o1\n")) == 2


@pytest.mark.parametrize("line, words", [
    ("no colon here", "write 'name: attribute = value"),
    ("p: cust ~ A", "cannot read 'cust ~ A'"),
    ("p: at between 1", "write 'between' as 'at between a .. b'"),
    ("p: total = lots", "'total' holds numbers, but 'lots' is not a number"),
])
def test_unreadable_patterns_are_quoted(line, words):
    with pytest.raises(KeyDesignError) as e:
        parse_pattern(line, ITEMS)
    assert words in str(e.value)


def test_requests_use_placeholders_for_reserved_words_like_status():
    plan = plan_pattern(ITEMS, DESIGN, pattern(eq("status", "OPEN")))
    method, kwargs = request_for(plan, "Orders")
    assert method == "query" and kwargs["IndexName"] == "by-status"
    assert kwargs["KeyConditionExpression"] == "#k0 = :k0_0"
    assert kwargs["ExpressionAttributeNames"] == {"#k0": "status"}
    assert kwargs["ExpressionAttributeValues"] == {":k0_0": {"S": "OPEN"}}
    scan = request_for(plan_pattern(ITEMS, KeyDesign("id"), pattern(eq("cust", "B"))), "Orders")
    assert scan[0] == "scan" and scan[1]["FilterExpression"] == "#f0 = :f0_0"
    get = request_for(plan_pattern(ITEMS, KeyDesign("id"), pattern(eq("id", "o1"))), "Orders")
    assert get == ("get_item", {"TableName": "Orders", "Key": {"id": {"S": "o1"}}})


def test_create_table_request_declares_only_key_attributes_with_their_types():
    req = create_table_request("T", KeyDesign("id", gsis=(Index("by-total", "total"),)), ITEMS)
    assert req["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"},
                                           {"AttributeName": "total", "AttributeType": "N"}]
    assert req["BillingMode"] == "PAY_PER_REQUEST"
    assert req["GlobalSecondaryIndexes"][0]["KeySchema"] == [{"AttributeName": "total", "KeyType": "HASH"}]


def test_values_in_wire_format():
    assert to_attribute_value({"a": [1, "x", True, None]}) == {
        "M": {"a": {"L": [{"N": "1"}, {"S": "x"}, {"BOOL": True}, {"NULL": True}]}}}
    with pytest.raises(KeyDesignError, match="cannot store a set"):
        to_attribute_value({1, 2})


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_design_explores_without_error(name):
    sample = SAMPLES[name]
    patterns = parse_patterns(sample.patterns, sample.items)
    for design in sample.designs.values():
        e = explore(sample.items, design, patterns)
        assert e.table.total_items == len(sample.items) and len(e.plans) == len(patterns)


def test_the_orders_sample_shows_a_hot_customer_and_scans_without_indexes():
    s = SAMPLES["orders"]
    patterns = parse_patterns(s.patterns, s.items)
    good = explore(s.items, s.designs["customer + time, GSIs by order and by status"], patterns)
    assert good.table.hot_items == ("C01",) and not good.scans
    bad = explore(s.items, s.designs["order id only"], patterns)
    assert [p.operation for p in bad.plans] == ["Scan", "Scan", "GetItem", "Scan"]


@pytest.mark.parametrize("name", SAMPLES)
def test_the_predicted_reads_match_what_the_mock_dynamodb_reads(name, monkeypatch):
    # The explorer's items read / returned against moto's ScannedCount / Count, design by design.
    import boto3
    from moto import mock_aws

    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(var, "testing")
    sample = SAMPLES[name]
    patterns = parse_patterns(sample.patterns, sample.items)
    with mock_aws():
        ddb = boto3.client("dynamodb", region_name="ap-northeast-2")
        for n, design in enumerate(sample.designs.values()):
            table = f"t{n}"
            ddb.create_table(**create_table_request(table, design, sample.items))
            for item in sample.items:
                ddb.put_item(TableName=table, Item={k: to_attribute_value(v) for k, v in item.items()})
            for plan in explore(sample.items, design, patterns).plans:
                method, kwargs = request_for(plan, table)
                answer = getattr(ddb, method)(**kwargs)
                if method == "get_item":
                    assert ("Item" in answer) == (plan.items_returned == 1)
                else:
                    assert (answer["ScannedCount"], answer["Count"]) == (plan.items_read, plan.items_returned), plan
