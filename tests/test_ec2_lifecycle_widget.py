"""The lifecycle widget, driven by pressing its buttons (no browser)."""

import matplotlib
import pytest

matplotlib.use("Agg")

from course.widgets.ec2_lifecycle import LifecycleView, show_ec2_lifecycle  # noqa: E402


@pytest.fixture
def view():
    return LifecycleView("t3.micro", "us-east-1")


def test_launch_shows_the_path_the_effects_and_the_charges(view):
    assert view.instance.state == "not launched" and "Press launch" in view.status
    view.buttons["launch"].click()
    assert view.instance.state == "running" and "pending → running" in view.status
    assert "203.0.113.10" in view._effects.value
    assert "instance (t3.micro, running)" in view._charges.value and "$0.01040 †" in view._charges.value
    assert view.diagram_png.startswith(b"\x89PNG")


def test_stop_and_start_change_the_ip_and_stop_billing_the_instance(view):
    for a in ("launch", "stop"):
        view.buttons[a].click()
    assert "goes back to Amazon" in view._effects.value and "pool" in view._effects.value
    assert "instance (t3.micro" not in view._charges.value and "EBS root" in view._charges.value
    view.buttons["start"].click()
    assert view.instance.public_ip == "203.0.113.11"


def test_a_refused_action_says_why_and_changes_nothing(view):
    for a in ("launch", "terminate"):
        view.buttons[a].click()
    view.buttons["start"].click()
    assert view.instance.state == "terminated" and view.last is None
    assert "start refused" in view.status and "cannot be started" in view.status
    assert "color:#b00" in view._status.value


def test_instance_store_root_cannot_stop(view):
    view._root.value = "instance-store"
    view.buttons["launch"].click()
    view.buttons["stop"].click()
    assert "cannot be stopped or hibernated" in view.status and view.instance.state == "running"


def test_changing_a_setting_resets_the_instance(view):
    view.buttons["launch"].click()
    view._eip.value = True
    assert view.instance.state == "not launched"
    view.buttons["launch"].click()
    assert view.instance.public_ip == "198.51.100.7" and "Elastic IP" in view._effects.value


def test_hibernate_when_enabled(view):
    view._hibernation.value = True
    view.buttons["launch"].click()
    view.buttons["hibernate"].click()
    assert view.instance.ram_saved and "saved to the encrypted EBS root volume" in view._effects.value


def test_static_stand_in_walks_through_the_lifecycle():
    bundle = show_ec2_lifecycle()._repr_mimebundle_()
    page = bundle["text/html"]
    assert "data:image/png;base64," in page
    for words in ("<b>launch</b>", "<b>stop</b>", "<b>terminate</b>", "shutting-down → terminated"):
        assert words in page
