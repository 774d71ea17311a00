"""The "which load balancer?" chooser and its sourced data."""

import pytest

from course.load_balancers import Needs, LoadBalancerChoiceError, choose_load_balancer, load_balancer_types


def test_data_has_the_four_types_each_with_aws_sources():
    types = load_balancer_types()
    assert set(types) == {"application", "network", "gateway", "classic"}
    for key, t in types.items():
        assert t["sources"] and all(s.startswith("https://") and "aws" in s for s in t["sources"]), key
    assert (types["application"]["osi_layer"], types["network"]["osi_layer"], types["gateway"]["osi_layer"]) == (7, 4, 3)
    assert types["network"]["static_ip"] and not types["application"]["static_ip"]
    assert types["classic"]["status"] == "previous generation"
    assert "lambda" in types["application"]["targets"] and "alb" in types["network"]["targets"]


@pytest.mark.parametrize("needs, label", [
    (Needs("http"), "ALB"),
    (Needs("http", content_routing=True, lambda_targets=True), "ALB"),
    (Needs("http", static_ip=True), "NLB → ALB"),
    (Needs("tcp-udp"), "NLB"),
    (Needs("tcp-udp", static_ip=True), "NLB"),
    (Needs("appliances"), "GWLB"),
])
def test_choice(needs, label):
    choice = choose_load_balancer(needs)
    assert choice.label == label
    assert "classic" not in choice.types and choice.reasons


def test_static_ip_reason_explains_the_alb_target_type():
    reasons = " ".join(choose_load_balancer(Needs("http", static_ip=True)).reasons)
    assert "DNS name" in reasons and "target type alb" in reasons


@pytest.mark.parametrize("needs, words", [
    (Needs("smtp"), "traffic 'smtp' is not one of: http, tcp-udp, appliances"),
    (Needs("tcp-udp", content_routing=True), "need HTTP traffic"),
])
def test_impossible_needs_are_explained(needs, words):
    with pytest.raises(LoadBalancerChoiceError, match=words):
        choose_load_balancer(needs)
