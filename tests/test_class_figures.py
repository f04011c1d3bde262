"""The class report's figures: inline SVG written by the kit, labelled, text kept as text."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from autograder.render import svg

NS = "{http://www.w3.org/2000/svg}"


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text)  # well-formed XML, or this raises


def test_histogram_counts_each_value_once_and_the_top_edge_in_the_last_bin():
    chart = svg.histogram([0, 5, 10, 99.9, 100, 100], (0, 10, 20, 50, 100), title="Scores",
                          xlabel="score", ylabel="students")
    root = _parse(chart)
    tips = [t.text for t in root.iter(f"{NS}title")][1:]  # the first titles the chart
    assert tips == ["0–10: 2 students", "10–20: 1 students", "50–100: 3 students"]
    desc = root.find(f"{NS}desc").text
    assert "0 to 10: 2; 10 to 20: 1; 20 to 50: 0; 50 to 100: 3" in desc


def test_charts_are_labelled_images_whose_labels_are_escaped_text():
    chart = svg.bars([svg.Bar("<b>&", 40, "#000", "<b>&: 40%")], title="Rates <x>",
                     xlabel="passing (%)", x_max=100, unit="%")
    root = _parse(chart)
    assert root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    assert [root.find(f".//*[@id='{i}']").tag for i in labelled] == [f"{NS}title", f"{NS}desc"]
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "Rates <x>" in texts and "<b>&" in texts and "40%" in texts and "passing (%)" in texts
    assert "<b>" not in chart


def test_a_page_drawn_twice_is_the_same_page():
    from autograder.model import Report
    from autograder.render import class_report

    reports = {"a": Report("a.py", ())}
    assert class_report.render(reports) == class_report.render(reports)


def test_bars_are_drawn_to_scale():
    chart = svg.bars([svg.Bar("a", 100, "#000", "a"), svg.Bar("b", 25, "#000", "b")],
                     title="t", xlabel="x", x_max=100)
    widths = [float(r.get("width")) for r in _parse(chart).iter(f"{NS}rect")]
    assert abs(widths[1] / widths[0] - 0.25) < 1e-3


def test_ticks_are_round_and_cover_the_data():
    assert svg.nice_ticks(100) == [0, 20, 40, 60, 80, 100]
    assert svg.nice_ticks(7) == [0, 2, 4, 6, 8]
    assert svg.nice_ticks(1) == [0, 1]
    assert svg.nice_ticks(0) == [0, 1]


def test_the_class_report_imports_no_plotting_library():
    code = ("import sys\nfrom autograder.model import Report\n"
            "from autograder.render import class_report\n"
            "page = class_report.render({'a': Report('a.py', ())})\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('matplotlib', 'PIL')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
