"""The instance type name decoder, on names worked out by hand from AWS's naming table."""

import pytest

from course.instance_types import InstanceTypeNameError, decode


def test_m7g_large():
    t = decode("m7g.large")
    assert (t.family, t.generation, t.processor, t.capabilities, t.flex, t.size) == ("m", 7, "g", (), False, "large")
    assert t.family_meaning == "General purpose" and t.processor_meaning == "AWS Graviton processors"
    assert t.size_vs_large == 1.0


def test_c7gn_xlarge_has_a_processor_and_a_capability():
    t = decode("c7gn.xlarge")
    assert t.family == "c" and t.processor == "g"
    assert [c for c, _ in t.capabilities] == ["n"] and "Network" in t.capabilities[0][1]
    assert t.size_vs_large == 2.0


def test_r7iz_2xlarge():
    t = decode("r7iz.2xlarge")
    assert (t.family_meaning, t.processor, [c for c, _ in t.capabilities]) == ("Memory optimized", "i", ["z"])
    assert t.size_vs_large == 4.0


def test_no_processor_letter_and_instance_store():
    t = decode("m5d.4xlarge")
    assert t.processor is None and [c for c, _ in t.capabilities] == ["d"] and t.size_vs_large == 8.0
    assert ("", "processor: not named (older and some current types leave it out)") in t.describe()


def test_multi_letter_families_win_over_single_letters():
    assert decode("inf2.xlarge").family == "inf"
    t = decode("im4gn.large")
    assert t.family == "im" and t.processor == "g" and [c for c, _ in t.capabilities] == ["n"]
    assert decode("i4i.large").family == "i" and decode("i4i.large").processor == "i"


def test_flex_metal_and_small_sizes():
    t = decode("m7i-flex.large")
    assert t.flex and t.processor == "i" and t.capabilities == ()
    assert decode("c7g.metal").size_vs_large is None
    assert decode("t3.micro").size_vs_large is None
    assert any("bare metal" in words for _, words in decode("c7i.metal-24xl").describe())


def test_describe_rows_follow_the_name():
    parts = [p for p, _ in decode("x2iedn.8xlarge").describe()]
    assert parts == ["x", "2", "i", "e", "d", "n", ".8xlarge"]


def test_input_is_normalised():
    assert decode("  M7G.Large ").name == "m7g.large"


@pytest.mark.parametrize("bad, words", [
    ("m7g", "is not an instance type name"),
    ("large.m7g", "is not an instance type name"),
    ("k7g.large", "unknown instance family 'k'"),
    ("m7w.large", "unknown letter 'w'"),
    ("m7gdd.large", "appears twice"),
    ("m7g.huge", "unknown size 'huge'"),
    (7, "not 7"),
])
def test_bad_names_say_what_is_wrong(bad, words):
    with pytest.raises(InstanceTypeNameError, match=words):
        decode(bad)


@pytest.mark.parametrize("name, family, meaning", [
    ("z1d.large", "z", "High frequency"),
    ("h1.2xlarge", "h", "Cost-effective storage optimized with HDD"),
    ("dl1.24xlarge", "dl", "Deep learning"),
])
def test_older_families_on_aws_naming_page(name, family, meaning):
    t = decode(name)
    assert (t.family, t.family_meaning) == (family, meaning)
