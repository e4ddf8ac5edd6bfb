#!/usr/bin/env python3
"""Open the HTML report in headless Chromium and check the page a person sees.

The demo store is copied to a temporary folder with one more listings file whose
titles and values are hostile (`<script>`, `<img onerror>`, a quote that would close
an attribute). `auditor audit --format html` renders it in English and Chinese, and
Chromium opens each page over the DevTools protocol (`--remote-debugging-pipe`: no
port, no extra package). The check asserts on the rendered page, after its script ran:

* the scores: the overall and area scores of the report, in the score cards;
* a finding row, and the findings table's filter and sort working;
* the hostile title shown as text: no injected element, no dialog (alert) opened;
* no console error, no uncaught exception, no CSP violation, no request leaving the page.

The weekly review page (`auditor review --format html`, over the four snapshots of
`examples/weekly/` audited into one history) gets the same verdict on problems and
requests, and must show its trend charts and the ODR's crossing date, with no script.
So does a fleet's portfolio page (tests/data/fleet/portfolio.json), in a phone-wide
window: its stores worst first, linked to their reports, and its grid scrolling sideways
in its frame with the store's name in view, the page itself no wider than the window.

Usage: python3 scripts/check_html_in_browser.py [--chromium PATH] [--keep DIR]
Exit 0 when every check passed, 1 when one failed, 2 when no Chromium was found.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo-store"
AS_OF = "2026-11-27"
HOSTILE_TITLE = '"><script>alert(1)</script><img src=x onerror=alert(2)> Insulated Water Bottle 1 l'
HOSTILE_SKU = "XSS-TEST-01"
HOSTILE_PRICE = "<svg onload=alert(3)>"
#: A canonical listings CSV: one listing with the hostile title, one row rejected for
#: a hostile price (its reason quotes the value, shown in the page's rejected rows).
HOSTILE_CSV = (
    "sku,asin,marketplace,title,brand,price,currency,quantity\n"
    f'{HOSTILE_SKU},B0XSSTEST1,US,"{HOSTILE_TITLE.replace(chr(34), chr(34) * 2)}",HomeNest,19.99,USD,10\n'
    f"XSS-TEST-02,B0XSSTEST2,US,Plain Water Bottle 500 ml,HomeNest,{HOSTILE_PRICE},USD,5\n"
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)
TIMEOUT = 20.0

#: Run in the page after load: what a person sees, as plain data.
PAGE_PROBE = r"""
(() => {
  const text = (sel) => Array.from(document.querySelectorAll(sel), (e) => e.textContent.trim());
  const rows = () => Array.from(document.querySelectorAll("#findings-body tr.finding"));
  const hostile = %(title)s;
  const result = {
    ready: document.documentElement.getAttribute("data-ready"),
    lang: document.documentElement.lang,
    overall: (document.querySelector("#score-overall .score") || {}).textContent,
    areas: Object.fromEntries(Array.from(document.querySelectorAll(".card[id^='score-']"),
      (c) => [c.id.slice(6), c.querySelector(".score").textContent.trim()])),
    rows: rows().length,
    first_row: rows().length ? rows()[0].innerText : null,
    scripts: document.scripts.length,
    injected: document.querySelectorAll("img, svg, iframe, object, embed, [onerror], [onload]").length,
    title_as_text: Array.from(document.querySelectorAll(".entity-title, td.sku"))
      .filter((e) => e.textContent.includes(hostile)).length,
    title_attr: Array.from(document.querySelectorAll("[title]"))
      .filter((e) => e.getAttribute("title").includes(hostile)).length,
    rejected_text: text("details.rejected td").filter((t) => t.includes("<svg onload=alert(3)>")).length,
    body_html_has_raw_script: document.body.innerHTML.includes("<script>alert(1)"),
  };
  // The filter: free text narrows the table to the hostile listing's findings.
  const search = document.getElementById("f-text");
  search.value = %(sku)s;
  search.dispatchEvent(new Event("input"));
  result.filtered = rows().length;
  result.filtered_all_match = rows().every((r) => r.innerText.includes(%(sku)s));
  result.filtered_title_text = rows().filter((r) => r.textContent.includes(hostile)).length;
  result.injected_after_filter = document.querySelectorAll("img, svg, [onerror], [onload]").length;
  search.value = "";
  search.dispatchEvent(new Event("input"));
  // The severity filter and a sort by rule, ascending then descending.
  const sev = document.getElementById("f-sev");
  sev.value = "critical";
  sev.dispatchEvent(new Event("change"));
  result.critical_rows = rows().length;
  result.critical_only = rows().every((r) => r.dataset.sev === "critical");
  sev.value = "";
  sev.dispatchEvent(new Event("change"));
  const ruleHeader = document.querySelector("#findings th[data-sort=rule]");
  ruleHeader.click();
  const ascending = rows().map((r) => r.querySelector("code").textContent);
  ruleHeader.click();
  const descending = rows().map((r) => r.querySelector("code").textContent);
  result.sorted_ascending = ascending.every((v, i) => i === 0 || ascending[i - 1].localeCompare(v) <= 0);
  result.sorted_descending = descending.every((v, i) => i === 0 || descending[i - 1].localeCompare(v) >= 0);
  result.rows_after = rows().length;
  return JSON.stringify(result);
})()
"""


#: The same page with script disabled: the rows written in the HTML itself.
STATIC_PROBE = r"""
(() => {
  const hostile = %(title)s;
  const rows = document.querySelectorAll("#findings-body tr.finding");
  return JSON.stringify({
    ready: document.documentElement.getAttribute("data-ready"),
    rows: rows.length,
    first_row: rows.length ? rows[0].textContent : null,
    scripts: document.scripts.length,
    injected: document.querySelectorAll("img, svg, iframe, object, embed, [onerror], [onload]").length,
    title_as_text: Array.from(document.querySelectorAll(".entity-title, td.sku"))
      .filter((e) => e.textContent.includes(hostile)).length,
  });
})()
"""


#: The weekly review page: no script of its own, so one probe of what it shows.
REVIEW_PROBE = r"""
(() => JSON.stringify({
  lang: document.documentElement.lang,
  scripts: document.scripts.length,
  figures: document.querySelectorAll("figure.trend").length,
  charts: Array.from(document.querySelectorAll("figure.trend svg"),
    (s) => s.getBoundingClientRect().width).filter((w) => w > 100).length,
  crossing: Array.from(document.querySelectorAll("figure.trend.crossing figcaption"),
    (e) => e.textContent),
}))()
"""
#: The portfolio of a fleet (`auditor fleet`), in a phone-wide window: the stores worst
#: first, each linked to its report, the hostile texts as text, and the grid scrolling
#: sideways inside its frame (the store's name kept in view) rather than the page.
PORTFOLIO_PROBE = r"""
(() => {
  const wrap = document.querySelector(".grid-wrap");
  const name = document.querySelector("#grid tbody td.store");
  return JSON.stringify({
    lang: document.documentElement.lang,
    scripts: document.scripts.length,
    injected: document.querySelectorAll("img, svg, iframe, object, embed, [onerror], [onload]").length,
    stores: Array.from(document.querySelectorAll("#grid tbody tr"), (r) => r.dataset.store),
    links: Array.from(document.querySelectorAll("#grid td.store > a:not(.store-error)"),
      (a) => a.getAttribute("href")),
    hostile_as_text: document.body.textContent.includes("<script>alert(1)</script>"),
    page_width: document.documentElement.scrollWidth,
    window_width: window.innerWidth,
    grid_scrolls: wrap.scrollWidth > wrap.clientWidth,
    name_position: getComputedStyle(name).position,
  });
})()
"""
PORTFOLIO = REPO / "tests" / "data" / "fleet" / "portfolio.json"
PORTFOLIO_WORST_FIRST = ["kiddo-uk", "glowlab-de", "nordvik-eu", "voltix-ca", "acme-us"]
#: A phone's width, in CSS pixels.
NARROW = 400
WEEKLY = REPO / "examples" / "weekly"
WEEKS = ("2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27")


def find_chromium(explicit: str | None = None) -> str | None:
    for candidate in (
        explicit,
        os.environ.get("CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


class Browser:
    """Chromium over the DevTools protocol on a pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:
            # In the child: its pipe ends become fds 3 and 4 (copied high first, in case
            # one of them already is 3 or 4). dup2 makes them inheritable; the parent's
            # own ends are close-on-exec, as every fd os.pipe() makes.
            inbound, outbound = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(inbound, 3)
            os.dup2(outbound, 4)

        self.process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds 3 and 4 are made in preexec_fn, after pass_fds is applied
            preexec_fn=wire,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        reply = self._read_until(lambda m: m.get("id") == self._next_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        return self._read_until(lambda m: m.get("method") == method)

    def _read_until(self, wanted: Any) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                    self._on_event(message)
                if wanted(message):
                    return message
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk

    def _on_event(self, message: dict[str, Any]) -> None:
        if message.get("method") == "Page.javascriptDialogOpening":
            # Dismiss it (and record it, in self.events) so that the page goes on.
            self._next_id += 1
            reply = {
                "id": self._next_id,
                "method": "Page.handleJavaScriptDialog",
                "params": {"accept": True},
                "sessionId": message.get("sessionId"),
            }
            os.write(self._to_child, json.dumps(reply).encode() + b"\0")

    def close(self) -> None:
        try:
            self._next_id += 1
            os.write(
                self._to_child,
                json.dumps({"id": self._next_id, "method": "Browser.close"}).encode() + b"\0",
            )
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._to_child)
            os.close(self._from_child)


def open_page(
    chromium: str, page: Path, profile: Path, probe: str | None = None, width: int | None = None
) -> tuple[dict[str, Any], list[str], list[str]]:
    """Load `page`, run the probe; return its result, the problems seen, and every request URL.

    The report's probes by default; `probe` instead for another page (no script-off pass).
    `width`: the window's width in CSS pixels (default: Chromium's)."""
    browser = Browser(chromium, profile)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable", session=session)
        if width is not None:
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
        browser.events.clear()
        browser.send("Page.navigate", {"url": page.as_uri()}, session=session)
        browser.wait_event("Page.loadEventFired")
        expression = probe or PAGE_PROBE % {
            "title": json.dumps(HOSTILE_TITLE),
            "sku": json.dumps(HOSTILE_SKU),
        }
        reply = browser.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"the probe failed: {reply['exceptionDetails']}")
        result = json.loads(reply["result"]["value"])
        # Let anything late (a timer, an error event) arrive before judging.
        browser.send("Runtime.evaluate", {"expression": "1"}, session=session)
        if probe is None:
            # The page as a reader without script (and print) gets it: the rows in the HTML.
            browser.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
            browser.events = [e for e in browser.events if e.get("method") != "Page.loadEventFired"]
            browser.send("Page.navigate", {"url": page.as_uri()}, session=session)
            browser.wait_event("Page.loadEventFired")
            static = browser.send(
                "Runtime.evaluate",
                {
                    "expression": STATIC_PROBE % {"title": json.dumps(HOSTILE_TITLE)},
                    "returnByValue": True,
                },
                session=session,
            )
            result["static"] = json.loads(static["result"]["value"])
    finally:
        browser.close()
    problems, requests = [], []
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Page.javascriptDialogOpening":
            problems.append(f"a dialog opened: {params.get('type')} {params.get('message')!r}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            problems.append(
                f"uncaught exception: {details.get('exception', {}).get('description') or details.get('text')}"
            )
        elif method == "Runtime.consoleAPICalled" and params.get("type") in (
            "error",
            "assert",
            "warning",
        ):
            texts = [a.get("value", a.get("description")) for a in params.get("args", [])]
            problems.append(f"console {params['type']}: {texts}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in (
            "error",
            "warning",
        ):
            entry = params["entry"]
            problems.append(f"log {entry['level']} ({entry.get('source')}): {entry.get('text')}")
        elif method == "Network.requestWillBeSent":
            requests.append(params.get("request", {}).get("url", ""))
    return result, problems, requests


def build_report(workdir: Path, language: str) -> tuple[Path, dict[str, Any]]:
    """Audit the demo store plus the hostile listings; the HTML page and the JSON report."""
    store = workdir / "store"
    if not store.exists():
        shutil.copytree(DEMO, store)
        (store / "listings" / "hostile-listings.csv").write_text(HOSTILE_CSV, encoding="utf-8")
    folder = workdir / language
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "audit",
            str(store),
            "--as-of",
            AS_OF,
            "--lang",
            language,
            "--format",
            "html",
            "--format",
            "json",
            "-o",
            str(folder),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    html, report = folder / "report.html", folder / "report.json"
    if done.returncode not in (0, 1) or not html.exists() or not report.exists():
        raise RuntimeError(f"auditor audit --format html --format json failed:\n{done.stderr}")
    return html, json.loads(report.read_text(encoding="utf-8"))


def check(chromium: str, workdir: Path, language: str) -> list[str]:
    """Every failed expectation for the page in `language` (empty: all passed)."""
    page, report = build_report(workdir, language)
    raw = page.read_text(encoding="utf-8")
    result, problems, requests = open_page(chromium, page, workdir / f"profile-{language}")
    failures = [f"{p} (x{n})" if n > 1 else p for p, n in Counter(problems).items()]
    summary = report["summary"]

    def expect(ok: bool, what: str) -> None:
        if not ok:
            failures.append(f"{what} (page: {json.dumps(result, ensure_ascii=False)[:600]})")

    expect("<script>alert(1)" not in raw, "the raw HTML holds the hostile title unescaped")
    expect(result["ready"] == "1", "the page's script did not finish")
    expect(result["lang"] == ("zh-CN" if language == "zh" else "en"), "wrong lang attribute")
    expect(
        result["overall"] == f"{summary['score']:.1f}", f"overall score is not {summary['score']}"
    )
    for name, area in summary["areas"].items():
        shown = "—" if area["score"] is None else f"{area['score']:.1f}"
        expect(result["areas"].get(name) == shown, f"{name} score is not {shown}")
    expect(result["rows"] == min(len(report["findings"]), 500), "not every finding row is shown")
    first = sorted(report["findings"], key=lambda f: f["severity"] != "critical")[0]
    expect(
        bool(result["first_row"]) and first["rule_id"] in result["first_row"],
        f"the first row is not the critical finding {first['rule_id']}",
    )
    expect(result["scripts"] == 2, "the page has a script element besides its own two")
    expect(result["injected"] == 0, "an injected element (img, svg, on* handler) is in the page")
    expect(not result["body_html_has_raw_script"], "the hostile <script> is markup in the page")
    expect(result["title_as_text"] >= 1, "the hostile title is not shown as text")
    expect(result["title_attr"] >= 1, "the hostile title is not kept whole inside an attribute")
    expect(result["rejected_text"] >= 1, "the rejected hostile price is not shown as text")
    hostile_findings = sum(f["entity"].get("sku") == HOSTILE_SKU for f in report["findings"])
    expect(hostile_findings > 0, "the hostile listing has no finding to show")
    expect(
        result["filtered"] == hostile_findings and result["filtered_all_match"],
        f"the text filter does not give the hostile listing's {hostile_findings} findings",
    )
    expect(
        result["filtered_title_text"] == hostile_findings,
        "rows drawn by the script do not show the hostile title as text",
    )
    expect(result["injected_after_filter"] == 0, "rows drawn by the script injected an element")
    critical = sum(f["severity"] == "critical" for f in report["findings"])
    expect(
        result["critical_rows"] == critical and result["critical_only"],
        "the severity filter is wrong",
    )
    expect(
        result["sorted_ascending"] and result["sorted_descending"], "sorting by rule does not sort"
    )
    expect(
        result["rows_after"] == result["rows"], "clearing the filters does not bring every row back"
    )
    static = result["static"]
    expect(static["ready"] is None, "the page's script ran with script disabled")
    expect(static["rows"] == result["rows"], "the HTML itself does not hold the first rows")
    expect(
        bool(static["first_row"]) and first["rule_id"] in static["first_row"],
        "the first row in the HTML is not the critical finding",
    )
    expect(
        static["scripts"] == 2 and static["injected"] == 0,
        "an injected element is in the HTML as written",
    )
    expect(
        static["title_as_text"] >= 1, "the HTML as written does not show the hostile title as text"
    )
    outside = [u for u in requests if not u.startswith(("file:", "data:", "about:"))]
    expect(not outside, f"the page made requests: {outside}")
    return [f"[{language}] {f}" for f in failures]


def _auditor(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"auditor {' '.join(args[:1])} failed:\n{done.stderr}")


def build_review(workdir: Path, language: str) -> Path:
    """The weekly snapshots audited into one history (once), and its review as HTML."""
    history = workdir / "weekly.db"
    if not history.exists():
        for week in WEEKS:
            _auditor(
                "audit",
                str(WEEKLY / week),
                "--as-of",
                week,
                "--history",
                str(history),
                "--store",
                "demo-us",
                "--format",
                "json",
                "-o",
                str(workdir / f"{week}.json"),
            )
    page = workdir / f"review-{language}.html"
    _auditor(
        "review",
        "--history",
        str(history),
        "--store",
        "demo-us",
        "--lang",
        language,
        "--format",
        "html",
        "-o",
        str(page),
    )
    return page


def check_review(chromium: str, workdir: Path, language: str) -> list[str]:
    """Every failed expectation for the weekly review page in `language` (empty: all passed)."""
    page = build_review(workdir, language)
    result, problems, requests = open_page(
        chromium, page, workdir / f"profile-review-{language}", REVIEW_PROBE
    )
    failures = [f"{p} (x{n})" if n > 1 else p for p, n in Counter(problems).items()]
    crossing = "2026年12月6日" if language == "zh" else "Dec 6, 2026"
    shown = json.dumps(result, ensure_ascii=False)[:600]
    for ok, what in (
        (result["lang"] == ("zh-CN" if language == "zh" else "en"), "wrong lang attribute"),
        (result["scripts"] == 0, "the review page has a script"),
        (result["figures"] == 10 and result["charts"] == 10, "not every trend chart is drawn"),
        (any(crossing in c for c in result["crossing"]), f"no chart crossing on {crossing}"),
        (
            not [u for u in requests if not u.startswith(("file:", "data:", "about:"))],
            f"the page made requests: {requests}",
        ),
    ):
        if not ok:
            failures.append(f"{what} (page: {shown})")
    return [f"[{language}] review: {f}" for f in failures]


def build_portfolio(workdir: Path, language: str) -> Path:
    """The test portfolio (tests/data/fleet/portfolio.json) as its HTML page."""
    page = workdir / f"portfolio.{language}.html"
    code = (
        "import json, sys; from pathlib import Path;"
        "from auditor.outputs.portfolio import render_portfolio;"
        "data = json.loads(Path(sys.argv[1]).read_text(encoding='utf-8'));"
        "Path(sys.argv[2]).write_text(render_portfolio(data, 'html', sys.argv[3]), encoding='utf-8')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(PORTFOLIO), str(page), language],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"rendering the portfolio failed:\n{done.stderr}")
    return page


def check_portfolio(chromium: str, workdir: Path, language: str) -> list[str]:
    """Every failed expectation for the portfolio page in `language`, in a narrow window."""
    page = build_portfolio(workdir, language)
    result, problems, requests = open_page(
        chromium, page, workdir / f"profile-portfolio-{language}", PORTFOLIO_PROBE, NARROW
    )
    failures = [f"{p} (x{n})" if n > 1 else p for p, n in Counter(problems).items()]
    shown = json.dumps(result, ensure_ascii=False)[:600]
    for ok, what in (
        (result["lang"] == ("zh-CN" if language == "zh" else "en"), "wrong lang attribute"),
        (
            result["scripts"] == 0 and result["injected"] == 0,
            "the page has a script or injected element",
        ),
        (result["stores"] == PORTFOLIO_WORST_FIRST, "the stores are not worst first"),
        (
            result["links"] == [f"stores/{s}/report.html" for s in PORTFOLIO_WORST_FIRST[1:]],
            "the stores do not link to their reports (or the failed one does)",
        ),
        (result["hostile_as_text"], "the hostile texts are not shown as text"),
        (result["page_width"] <= result["window_width"], "the page is wider than the window"),
        (result["grid_scrolls"], "the grid does not scroll sideways in its frame"),
        (result["name_position"] == "sticky", "the store's name does not stay in view"),
        (
            not [u for u in requests if not u.startswith(("file:", "data:", "about:"))],
            f"the page made requests: {requests}",
        ),
    ):
        if not ok:
            failures.append(f"{what} (page: {shown})")
    return [f"[{language}] portfolio: {f}" for f in failures]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", help="Chromium binary (default: chromium on PATH)")
    parser.add_argument("--keep", type=Path, help="Write the pages here and keep them")
    args = parser.parse_args(argv)
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print(
            "check_html_in_browser: no Chromium found (apt-get install chromium)", file=sys.stderr
        )
        return 2
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="html-check-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        failures = [
            f
            for language in ("en", "zh")
            for f in check(chromium, workdir, language)
            + check_review(chromium, workdir, language)
            + check_portfolio(chromium, workdir, language)
        ]
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    elapsed = time.monotonic() - start
    verdicts = ", ".join(
        f"{language} {'FAILED' if any(f.startswith(f'[{language}]') for f in failures) else 'ok'}"
        for language in ("en", "zh")
    )
    print(f"html browser check ({Path(chromium).name}): {verdicts} in {elapsed:.1f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
