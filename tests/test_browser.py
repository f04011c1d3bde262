"""A student in a real browser: JupyterLab as a non-root user, Debian's Chromium, the students' copy.

JupyterLab serves the students' copy of the released notebooks on 127.0.0.1 with a random token,
as uid 65534 with its own home (where the `xent-kit` kernel is installed, as the README says).
Chromium (driven by Playwright, never a downloaded browser) opens each notebook and runs all;
in the entropy notebook it fills `entropy` with the nan bug and reads the rendered feedback
(failing call, expected and got, diagnosis, hint), then types a syntax error, runs it, fixes it
and checks that the fixed code is what gets graded, with full public marks. Screenshots go to
``out/browser/``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "browser"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
USER = 65534
ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
NOTEBOOKS = ["01_entropy.ipynb", "02_divergence.ipynb", "03_likelihood.ipynb"]
NAN_BUG = ("import numpy as np\n"
           "def entropy(p, base=None):\n"
           "    p = np.asarray(p, dtype=float)\n"
           "    h = float(-np.sum(p * np.log(p)))\n"
           "    return h / np.log(base) if base is not None else h\n")
TYPO = NAN_BUG.replace("dtype=float)", "dtype=float")
FIXED = NAN_BUG.replace("    h = float", "    p = p[p > 0]\n    h = float")


def _need_browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("no Chromium here: apt-get install chromium (.ci/run does)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -e '.[browser]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def readme_commands() -> list[str]:
    """The fenced block of the README's "For students" section, line by line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## For students"):]
    block = section[section.index("```\n") + 4:]
    return [line for line in block[:block.index("```")].splitlines() if line.strip()]


def _env(home: Path) -> dict:
    env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
           "MPLBACKEND": "Agg"}
    env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})
    return env


def _as_user(command: list[str], home: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen(["setpriv", f"--reuid={USER}", f"--regid={USER}", "--clear-groups",
                             *command], env=_env(home), cwd=home, **kw)


@pytest.fixture(scope="module")
def student():
    """A student's machine after the README's commands: a home holding the students' copy, a
    fresh venv with the copy, JupyterLab and the xent-kit kernel, all as a non-root user."""
    if os.geteuid() != 0:
        pytest.skip("the test runs the README's commands as another user, which needs root")
    import tempfile

    from autograder import student_kit

    home = Path(tempfile.mkdtemp(prefix="xent-student-"))  # pytest's own tmp is root's only
    student_kit.build(home)
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    subprocess.run(["chown", "-R", f"{USER}:{USER}", str(home)], check=True)
    os.chmod(home, 0o755)
    commands = readme_commands()
    assert commands[-1].startswith("jupyter lab "), commands
    script = "set -euo pipefail\n" + "\n".join(commands[:-1]) + "\n"
    done = _as_user(["bash", "-c", script], home, stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT)
    output = done.communicate(timeout=1500)[0].decode(errors="replace")
    yield home, done.returncode, output
    shutil.rmtree(home, ignore_errors=True)


def test_the_readme_commands_set_a_student_up(student):
    home, code, output = student
    assert code == 1, output[-3000:]  # `check` on the untouched notebook: exit 1, not 2
    assert "entropy" in output and "not implemented" in output, output[-3000:]
    kernels = subprocess.run(["setpriv", f"--reuid={USER}", f"--regid={USER}", "--clear-groups",
                              str(home / "xent-venv" / "bin" / "jupyter"), "kernelspec", "list"],
                             env=_env(home), cwd=home, capture_output=True, text=True)
    assert "xent-kit" in kernels.stdout, kernels.stdout + kernels.stderr
    assert (home / "xent-venv" / "bin" / "jupyter-lab").exists()
    reference = subprocess.run([str(home / "xent-venv" / "bin" / "python"), "-c",
                                "import solutions"], cwd=home, capture_output=True)
    assert reference.returncode != 0, "the students' venv must not hold the answer key"


@pytest.fixture(scope="module")
def lab(student):
    _need_browser()
    home, code, output = student
    if code not in (0, 1):
        pytest.fail("the README's commands failed: " + output[-3000:])
    port, token = _free_port(), secrets.token_hex(16)
    log = open(home / "lab.log", "wb")
    server = _as_user([str(home / "xent-venv" / "bin" / "jupyter"), "lab", "--no-browser",
                       "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
                       f"--ServerApp.root_dir={home / 'xent-kit' / 'notebooks'}"],
                      home, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("JupyterLab did not start: " + (home / "lab.log").read_text()[-2000:])
            time.sleep(0.5)
    yield base, token
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        args = ARGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield chromium
        chromium.close()


def _open(browser, lab, name: str):
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    workspace = secrets.token_hex(4)  # a fresh workspace: only this notebook open
    page.goto(f"{base}/lab/workspaces/w{workspace}/tree/xent/{name}?token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    try:
        page.get_by_text("Python (xent-kit) | Idle").first.wait_for(timeout=90_000)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"failed_open_{name[:-6]}.png"))
        raise
    return page


def _menu(page, *labels: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=labels[0]).first.click()
    for label in labels[1:]:
        page.locator(".lm-Menu-itemLabel", has_text=label).first.click()


def _cell(page, text: str):
    return page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=text)).first


def _run(page, cell) -> None:
    cell.locator(".jp-InputPrompt").first.click()
    page.keyboard.press("Shift+Enter")


def _type_into(page, cell, code: str) -> None:
    cell.locator(".cm-content").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def _feedback(page, grade_cell, contains: str) -> str:
    output = grade_cell.locator(".xent-kit")
    page.wait_for_function(
        "([el, want]) => el && el.innerText.includes(want)",
        arg=[grade_cell.element_handle(), contains], timeout=120_000)
    return output.first.inner_text()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_run_all_on_each_released_notebook_stops_at_the_first_stub(browser, lab, name):
    page = _open(browser, lab, name)
    _menu(page, "Run", "Run All Cells")
    page.wait_for_selector(".jp-OutputArea-output:has-text('NotImplementedError')",
                           timeout=120_000)
    page.locator(".jp-OutputArea-output:has-text('NotImplementedError')").first \
        .scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"run_all_{name[:-6]}.png"))
    page.close()


def test_entropy_feedback_in_the_browser(browser, lab):
    page = _open(browser, lab, "01_entropy.ipynb")
    SHOTS.mkdir(parents=True, exist_ok=True)
    _menu(page, "Run", "Run All Cells")
    page.wait_for_selector(".jp-OutputArea-output:has-text('NotImplementedError')",
                           timeout=120_000)
    definition = _cell(page, "def entropy(")
    grade_cell = _cell(page, 'grade("entropy")')

    _type_into(page, definition, NAN_BUG)
    _run(page, definition)
    _run(page, grade_cell)
    text = _feedback(page, grade_cell, "Public checks:")
    assert "entropy(p=[0.5, 0.5, 0.0])" in text
    assert "expected" in text and "0.6931471805599453" in text and "nan" in text
    assert "0 * -inf is nan" in text  # the diagnosis
    assert "Hint:" in text and "p > 0" in text
    assert text.count("0 * -inf is nan") == 1, "the diagnosis is said once for all its cases"
    grade_cell.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "entropy_nan_feedback.png"), full_page=False)
    grade_cell.screenshot(path=str(SHOTS / "entropy_nan_feedback_cell.png"))

    _type_into(page, definition, TYPO)
    _run(page, definition)
    page.wait_for_selector(".jp-OutputArea-output:has-text('SyntaxError')", timeout=60_000)
    _type_into(page, definition, FIXED)
    _run(page, definition)
    _run(page, grade_cell)
    text = _feedback(page, grade_cell, "Public checks: 9 of 9 points")
    assert "has a syntax error" in text  # the typo's cell is named, and costs only that cell
    assert "failed" not in text.split("Public checks")[1].split("note:")[0]
    grade_cell.screenshot(path=str(SHOTS / "entropy_fixed_full_marks_cell.png"))
    page.close()
