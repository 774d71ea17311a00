"""The figures of chapters 01 and 02 draw, carry their labels, and agree with the logic."""

import pytest
from matplotlib.figure import Figure

from course.diagrams import png
from course.figures import cloud, networks
from course.service_models import LAYERS, MODELS, who_manages, your_layers


def labels(fig) -> str:
    return "\n".join(t.get_text() for ax in fig.axes for t in ax.texts + [ax.title])


@pytest.mark.parametrize("make, wanted", [
    (cloud.responsibility_stack_figure, ["On-premises", "IaaS", "PaaS", "SaaS", "Operating system",
                                         "Your data and who can access it", "Amazon EC2"]),
    (cloud.virtualization_figure, ["Hypervisor", "Guest OS 1", "Guest OS 3", "Bare metal"]),
    (cloud.virtualization_history_figure, ["Full emulation", "Paravirtualization",
                                           "Hardware-assisted (HVM)", "AWS Nitro System"]),
    (cloud.load_balancer_figure, ["Load balancer", "Server 1", "Server 3 (failed)", "health check fails"]),
    (networks.lan_figure, ["Router +\nfirewall", "DMZ", "Switch", "Router\n+ DHCP", "Subnet 192.168.10.0/24"]),
    (networks.dns_resolution_figure, ["DNS resolver", "Root name server", "TLD name server  .com",
                                      "Route 53", "TTL 300"]),
], ids=lambda v: getattr(v, "__name__", ""))
def test_figure_draws_with_its_labels(make, wanted):
    fig = make()
    assert isinstance(fig, Figure)
    text = labels(fig)
    for word in wanted:
        assert word in text, f"{make.__name__}: no label {word!r}"
    assert png(fig).startswith(b"\x89PNG")


def test_the_stack_shows_one_you_cell_per_layer_you_manage():
    text = labels(cloud.responsibility_stack_figure()).splitlines()
    expected = sum(len(your_layers(m)) for m in MODELS)    # 7 + 4 + 2 + 1
    assert expected == 14
    assert text.count("you") == expected
    assert text.count("provider") == len(MODELS) * len(LAYERS) - expected


def test_each_model_hands_the_provider_more_layers_than_the_one_before():
    handed = [len(LAYERS) - len(your_layers(m)) for m in MODELS]
    assert handed == sorted(handed) and len(set(handed)) == len(MODELS)


def test_you_always_keep_your_data_and_access():
    assert all(who_manages(m, "Your data and who can access it") == "you" for m in MODELS)


def test_iaas_hands_over_hardware_and_hypervisor_but_not_the_os():
    assert who_manages("IaaS", "Virtualization (hypervisor)") == "provider"
    assert who_manages("IaaS", "Operating system") == "you"


@pytest.mark.parametrize("model, layer, words", [
    ("FaaS", "Application", "unknown service model 'FaaS'; choose one of On-premises, IaaS, PaaS, SaaS"),
    ("IaaS", "Kernel", "unknown layer 'Kernel'"),
])
def test_unknown_model_or_layer_is_named(model, layer, words):
    with pytest.raises(ValueError, match=words):
        who_manages(model, layer)


def test_layers_are_named_in_the_notebooks_language_and_found_by_either_name():
    from course.i18n import set_language

    assert your_layers("PaaS") == ("Application", "Your data and who can access it")
    set_language("ko")
    try:
        assert your_layers("PaaS") == ("애플리케이션", "데이터와 접근 권한")
        assert who_manages("SaaS", "데이터와 접근 권한") == who_manages("SaaS", "Your data and who can access it") == "you"
        with pytest.raises(ValueError, match="알 수 없는 계층 '커널'"):
            who_manages("IaaS", "커널")
    finally:
        set_language("en")
