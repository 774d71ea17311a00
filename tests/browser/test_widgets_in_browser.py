"""A learner's first hour in a real browser: chapters run, widgets answer clicks, labs open.

Each test opens a chapter (the learner's copy, as `make lab` makes it), runs it with
Run > Run All Cells, then uses a widget the way a learner would and asserts what the page
shows. Screenshots go to .pytest-artifacts/browser/.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import TIMEOUT_MS, errors_shown, open_notebook, output_of, run_all

# One worker runs the whole module (one server, one browser). The fixtures are module-scoped
# so Playwright's event loop is gone before that worker runs other tests.
pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _box(locator) -> dict:
    locator.wait_for()
    locator.scroll_into_view_if_needed()  # Run All leaves the notebook scrolled to its end
    return locator.bounding_box()


def test_opening_a_chapter_does_not_mark_it_modified(page, lab):
    # JupyterLab writes the kernel's language_info into the notebook as it connects; a
    # chapter whose metadata differed showed as modified at once.
    open_notebook(page, lab, "my-course/00-start-here.ipynb")
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first).to_be_attached()
    page.locator(".lm-TabBar-tab.jp-mod-current", has_text="00-start-here").wait_for()
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar").first) \
        .to_contain_text("Python 3 (AWS sandbox)")


def test_cidr_chapter_bits_and_split_table(page, lab):
    open_notebook(page, lab, "my-course/03-ip-addresses-and-cidr.ipynb")
    run_all(page)
    assert errors_shown(page) == []
    bits = output_of(page, 'bits = BitView("10.0.1.7/16")')
    buttons = bits.locator(".widget-button")
    expect(buttons).to_have_count(32)
    # 10.0.1.7: the last bit is 1; clicking it gives 10.0.1.6.
    expect(buttons.nth(31)).to_have_text("1")
    buttons.nth(31).click()
    expect(buttons.nth(31)).to_have_text("0")
    expect(bits).to_contain_text("10.0.1.6")

    table = output_of(page, 'table = SplitTable("10.0.0.0/24", aws=True)')
    table.locator(".widget-button", has_text="Split").click()
    expect(table.locator("table")).to_contain_text("10.0.0.128/25")
    expect(table.locator("table")).to_contain_text("123")  # a /25 in AWS: 128 - 5 usable
    # A bad block: the message appears where the learner is looking, above the table.
    block = table.get_by_label("block", exact=True)
    block.fill("10.0.0.300/24")
    block.press("Enter")
    message = table.get_by_text("octet 4 is 300")
    expect(message).to_be_visible()
    assert _box(message)["y"] < _box(table.locator("table").first)["y"]


def test_iam_chapter_edit_a_policy_request(page, lab):
    from course.iam import evaluate_case, load_scenarios

    open_notebook(page, lab, "my-course/05-iam-policy-evaluation.ipynb")
    run_all(page)
    assert errors_shown(page) == []
    view = output_of(page, 'evaluator = PolicyEvaluator(scenario="boundary-caps-admin")')
    expect(view).to_contain_text("Expected: ImplicitDeny")
    expect(view).not_to_contain_text("암시적 거부")  # an English chapter speaks English only
    # The learner edits the request: s3 is inside the permissions boundary.
    case = next(s for s in load_scenarios() if s["id"] == "boundary-caps-admin")["case"]
    edited = {**case, "request": {**case["request"], "action": "s3:GetObject"}}
    expected = evaluate_case(edited).outcome
    assert expected == "Allow"
    action = view.get_by_label("Action", exact=True)
    action.fill("s3:GetObject")
    action.press("Enter")
    expect(view.get_by_text("Allow", exact=True).first).to_be_visible()
    expect(view).to_contain_text("You have edited this scenario")
    expect(view).not_to_contain_text("Expected: ImplicitDeny")


def test_vpc_planner_invalid_prefix_is_marked_stale(page, lab):
    open_notebook(page, lab, "my-course/12-vpc-address-planning.ipynb")
    run_all(page)
    assert errors_shown(page) == []
    view = output_of(page, 'planner = PlanVpc("10.0.0.0/16", azs=2, prefix=24)')
    expect(view.locator("table").first).to_contain_text("10.0.0.0/24")
    public = view.get_by_label("public /")
    public.select_option("16")
    expect(view).to_contain_text("Out of date")
    expect(view.get_by_text("don't fit").first).to_be_visible()
    public.select_option("26")
    expect(view).not_to_contain_text("Out of date")
    expect(view.locator("table").first).to_contain_text("/26")


def test_traffic_widget_evaluates_a_packet(page, lab):
    from course.widgets.traffic import TrafficEvaluator

    expected = TrafficEvaluator("web")
    expected._port.value = 22
    headline = re.sub(r"<[^>]+>", "", expected.verdict.split("</div>")[0])
    assert headline.startswith("✗ Blocked")

    open_notebook(page, lab, "my-course/14-security-groups-and-network-acls.ipynb")
    run_all(page)
    assert errors_shown(page) == []
    view = output_of(page, 'show_traffic("web")')
    expect(view).to_contain_text("✓ Allowed")
    port = view.get_by_label("Port", exact=True)
    port.fill("22")
    port.press("Enter")
    expect(view).to_contain_text(headline)


def test_storage_chapter_slider_regions_and_plot(page, lab):
    from course.storage_classes import priced_regions

    open_notebook(page, lab, "my-course/17-s3-storage-classes.ipynb")
    run_all(page)
    assert errors_shown(page) == []
    view = output_of(page, "view = StorageClassesView()")
    region = view.get_by_label("Region", exact=True).locator("option")
    assert [t.strip() for t in region.all_text_contents()] == list(priced_regions())
    expect(view).to_contain_text("Only Regions with checked prices are offered")
    slider = view.locator(".widget-slider", has_text="months kept")
    readout = slider.locator(".widget-readout")
    expect(readout).to_have_text("12")
    table = view.locator("table").first
    before = table.inner_text()
    # Move the slider with the keyboard, as a learner can: focus its handle, press →.
    handle = slider.locator(".noUi-handle")
    _box(handle)
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    expect(readout).not_to_have_text("12")
    months = int(readout.inner_text())
    assert months > 12
    expect(table).not_to_have_text(before)
    expect(view.locator("img").first).to_be_visible()


def test_formgrader_on_a_fresh_clone(page, lab):
    # Before any release: the course folder and exchange must exist (jupyter_server_config.py).
    status, body = lab.get("/formgrader/api/students")
    assert status == 200 and json.loads(body) == [], body
    status, body = lab.get("/courses")
    assert status == 200 and json.loads(body)["success"] is True, body  # not "Error fetching courses!"
    page.goto(lab.url("/formgrader/manage_students"))
    expect(page.get_by_text("Loading, please wait")).to_have_count(0, timeout=TIMEOUT_MS)
    expect(page.locator("body")).to_contain_text("Manage Students")
    page.goto(lab.url("/formgrader"))
    expect(page.locator("body")).to_contain_text("Manage Assignments")
    expect(page.locator("body")).not_to_contain_text("does not exist")
    log = lab.log.read_text(encoding="utf-8", errors="replace")
    assert "is not absolute" not in log
    assert "/usr/local/share/nbgrader/exchange" not in log


def test_a_graded_lab_opens_for_the_learner(page, lab):
    open_notebook(page, lab, "my-labs/s3-basics/s3-basics.ipynb")
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first
    expect(notebook).to_contain_text("YOUR CODE HERE")
    expect(notebook).not_to_contain_text("BEGIN SOLUTION")
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar").first) \
        .to_contain_text("Python 3 (AWS sandbox)")
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
