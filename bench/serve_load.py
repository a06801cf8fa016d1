"""legwise web-service speed: /v1/assess under load against a bare FastAPI echo, and the
server time of the result and report pages.

    .venv/bin/python bench/serve_load.py                      # full run (~3 min)
    .venv/bin/python bench/serve_load.py --quick              # 3 s per load run
    .venv/bin/python bench/serve_load.py --workers 2          # legwise serve --workers 2 too
    .venv/bin/python bench/serve_load.py --seconds 10 --json out.json
    .venv/bin/python bench/serve_load.py --serve-workers 2 --seconds 60  # 0 errors or fail

Needs wrk (Debian: `apt-get install -y wrk`). Sections:
  [a] load: servers on 127.0.0.1 (free ports), each uvicorn with uvloop + httptools:
      - echo: bench/echo_app.py, 1 worker, access log off (POST /echo returns the JSON it got);
      - app, 1 worker and app, 2 workers: `uvicorn --factory
        legwise.interfaces.api.app:create_app --workers N`, access log off (the bare app);
      - `legwise serve` as shipped (access log on), 1 worker, or `--workers N` with --workers.
      wrk (2 threads, --latency) POSTs >= 1,000 distinct realistic cases in rotation (the same
      bodies to the echo), at 32 connections and at 1, for --seconds each (at most 30 s per
      run; --quick 3 s), full view and `?view=summary`; on the 1-worker app also FHIR
      `$assess` with 1,000 distinct QuestionnaireResponses of 13 answers (age, sex and 11
      findings, bench/diary_fhir.py's generator). Requests/s and p50/p99 come from wrk;
      server CPU per request from /proc (user + system time of the server's processes over
      the run, divided by its requests). A server is loaded only once every worker has
      started; a run with socket errors is run once more, both kept (see `measured`); server
      logs go to /dev/shm when it exists (a disk write can block the server's event loop).
  [b] page server time, in-process (fastapi.testclient, no network): an interview is driven
      to its end by posting answers as a browser would, then the final POST /interview
      (which renders the result page) and POST /report are each re-posted and timed.
  [c] targets, PASS/MISS per line.

Traffic goes only to 127.0.0.1; every run is bounded in time; every server is stopped at
the end, on errors and on Ctrl-C too. On this 2-core machine wrk and the servers share the
cores, so figures compare the apps rather than give an absolute capacity.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tables import cpu_name, judge, table  # bench/ is on the path when a script runs

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
HOST = "127.0.0.1"  # the only address this benchmark ever sends to
MAX_SECONDS = 30
CONNECTIONS = (32, 1)
THREADS = 2

# A realistic /v1/assess body: age, sex and a dozen answers of a suspected-DVT visit.
CASE: dict[str, Any] = {
    "id": "load-1",
    "age": 67,
    "sex": "male",
    "findings": {
        "one_leg_swollen": "present",
        "calf_tenderness": "present",
        "pitting_edema_symptomatic_leg": "present",
        "recent_surgery_or_bedridden": "present",
        "pain_at_night": "present",
        "chest_pain_or_breathless": "absent",
        "previous_dvt": "absent",
        "active_cancer": "absent",
        "brief_cramp_episodes": "absent",
        "urge_to_move_legs": "absent",
        "back_pain": "absent",
        "diabetes": "present",
        "smoker": "absent",
        "pain_score": 6,
    },
}
# The interview driven to its end in [b]: night cramps, 45, female (as the web tests do).
INTERVIEW_YES = {
    "pain_at_night",
    "brief_cramp_episodes",
    "muscle_knot_during_pain",
    "relieved_by_stretching",
}
INTERVIEW_AGE, INTERVIEW_SEX = "45", "female"

BODIES = 1000  # distinct case bodies, posted in rotation
# Server logs (the shipped server writes its access log there) go to memory when the machine
# has a tmpfs: a write to a disk file can block for seconds while the kernel flushes other
# jobs' dirty pages, and the server's event loop, which writes the log, blocks with it.
LOG_DIR = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
TARGETS = {
    "full_2w_ratio": ("full view, 2 workers: req/s vs echo, 32 conns", ">=", 45.0, "%"),
    "full_2w_p99_ms": ("full view, 2 workers: p99, 32 conns", "<=", 25.0, "ms"),
    "full_1w_ratio": ("full view, 1 worker: req/s vs echo, 32 conns", ">=", 25.0, "%"),
    "cpu_us_per_request": ("server CPU per request, full view, 1 worker", "<=", 450.0, "us"),
    "full_p50_c1_ms": ("full view p50 at 1 connection", "<=", 0.7, "ms"),
    "summary_2w_ratio": ("summary view, 2 workers: req/s vs echo, 32 conns", ">=", 65.0, "%"),
    "result_page_p99_ms": ("result page server time, p99", "<", 100.0, "ms"),
    "report_page_p99_ms": ("report page server time, p99", "<", 100.0, "ms"),
}


# --- servers ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    workers: int = 1  # worker processes to wait for (each logs its start-up)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"


# log level info: each worker's "Application startup complete." (`wait_ready` counts them);
# with the access log off nothing else is logged per request
UVICORN = ["--loop", "uvloop", "--http", "httptools", "--log-level", "info"]


def start_server(
    name: str,
    app: list[str],
    log_dir: Path,
    workers: int = 1,
    access_log: bool = False,
    source: Path | None = None,
) -> Server:
    """`python -m uvicorn APP` on 127.0.0.1 at a free port, in its own process group
    (`source`: import legwise from that source tree instead, e.g. an older version)."""
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", *app, "--host", HOST, "--port", str(port)]
    cmd += [*UVICORN, "--workers", str(workers)]
    cmd.append("--access-log" if access_log else "--no-access-log")
    return _spawn(name, cmd, port, log_dir, workers, source)


def start_shipped(name: str, log_dir: Path, workers: int | None) -> Server:
    """`legwise serve` as a user starts it (access log on); `--workers N` when asked."""
    port = free_port()
    cmd = [sys.executable, "-m", "legwise", "serve", "--host", HOST, "--port", str(port)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    else:  # `legwise serve`'s default: one worker per CPU
        from legwise.interfaces.api.settings import cpu_count

        workers = cpu_count()
    return _spawn(name, cmd, port, log_dir, workers)


def _spawn(
    name: str,
    cmd: list[str],
    port: int,
    log_dir: Path,
    workers: int = 1,
    source: Path | None = None,
) -> Server:
    log = log_dir / f"{name}.log"
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=env
        )
    return Server(name, port, proc, log, workers)


def server_cpu_seconds(server: Server) -> float:
    """User + system CPU seconds of every process in the server's process group so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == server.proc.pid:  # process group
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def stop_server(server: Server) -> None:
    """SIGTERM to the server's process group, SIGKILL if it has not gone in 10 s."""
    if server.proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.proc.pid, signal.SIGTERM)
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=10)


def post_json(url: str, body: bytes, timeout: float = 5.0) -> tuple[int, bytes]:
    req = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return int(resp.status), resp.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()


STARTED = "Application startup complete."  # uvicorn logs it once per worker, when it serves


def log_tail(server: Server, chars: int = 2000) -> str:
    return server.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def wait_ready(server: Server, path: str, body: bytes, timeout: float = 60.0) -> None:
    """Poll until every worker has started (its start-up line in the log) and POST `path`
    answers 200; raise with the server's log if that does not happen in time. (Answered by
    one worker is not enough: the others may still be loading the knowledge, and a load run
    started then measures fewer workers than it says.)"""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            break
        started = log_tail(server, 1 << 20).count(STARTED)
        if started < server.workers:
            last = f"{started} of {server.workers} workers started"
            time.sleep(0.2)
            continue
        try:
            status, text = post_json(server.base + path, body, timeout=2.0)
            if status == 200:
                return
            last = f"HTTP {status}: {text[:300]!r}"
        except OSError as exc:
            last = str(exc)
        time.sleep(0.2)
    raise RuntimeError(
        f"{server.name} server did not answer {path} ({last}); its log:\n{log_tail(server)}"
    )


@contextlib.contextmanager
def running(server: Server, path: str, body: bytes) -> Iterator[Server]:
    """A server, ready; stopped on leaving, whatever happened."""
    try:
        wait_ready(server, path, body)
        yield server
    finally:
        stop_server(server)


# --- wrk -----------------------------------------------------------------------------------------


def lua_script(body: bytes) -> str:
    """A wrk script POSTing `body` as JSON (a Lua long string holds it byte for byte)."""
    text = body.decode("utf-8")
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"wrk.body = [{eq}[{text}]{eq}]\n"
    )


def lua_rotating(bodies: list[bytes], path: str) -> str:
    """A wrk script POSTing `bodies` in turn to `path` (each thread starts at its own place)."""
    items = []
    for body in bodies:
        text = body.decode("utf-8")
        level = 0
        while f"]{'=' * level}]" in text:
            level += 1
        eq = "=" * level
        items.append(f"[{eq}[{text}]{eq}]")
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"local bodies = {{{','.join(items)}}}\n"
        "local i = math.random(#bodies)\n"
        "request = function()\n"
        "  i = i % #bodies + 1\n"
        f'  return wrk.format(nil, "{path}", nil, bodies[i])\n'
        "end\n"
    )


def case_bodies(n: int = BODIES) -> list[bytes]:
    """`n` distinct realistic cases (bench/run.py's generator: 8-20 answers, age, sex)."""
    from run import generate_cases

    from legwise.kb.loader import load_knowledge

    cases = generate_cases(load_knowledge(), n, seed=16)
    return [json.dumps(c, separators=(",", ":")).encode() for c in cases]


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_LAT = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", re.M)
_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
)


def parse_wrk(text: str) -> dict[str, Any]:
    """Requests/s, total requests and p50..p99 latency (ms) from `wrk --latency` output."""
    rps = _RPS.search(text)
    if rps is None:
        raise ValueError(f"no Requests/sec in wrk's output:\n{text}")
    latency = {f"p{m[1]}_ms": float(m[2]) * _UNITS[m[3]] for m in _LAT.finditer(text)}
    if "p99_ms" not in latency:
        raise ValueError(f"no 99% latency in wrk's output (run it with --latency):\n{text}")
    total = _TOTAL.search(text)
    non2xx = _NON2XX.search(text)
    sock = _SOCKET.search(text)
    return {
        "requests_per_second": float(rps[1]),
        "requests": int(total[1]) if total else None,
        **latency,
        "non_2xx": int(non2xx[1]) if non2xx else 0,
        "socket_errors": sum(int(x) for x in sock.groups()) if sock else 0,
        "socket_error_kinds": dict(
            zip(("connect", "read", "write", "timeout"), map(int, sock.groups()), strict=True)
        )
        if sock
        else {},
    }


def run_wrk(
    wrk: str, url: str, script: Path, connections: int, seconds: int, limit: int = MAX_SECONDS
) -> dict[str, Any]:
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError(f"load goes only to {HOST}, not {url}")
    seconds = max(1, min(limit, seconds))
    threads = min(THREADS, connections)  # wrk wants at least one connection per thread
    cmd = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    out = parse_wrk(proc.stdout)
    out.update(connections=connections, threads=threads, seconds=seconds)
    return out


# --- page server time (in-process) ------------------------------------------------------------


@dataclass
class Form:
    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, radio|checkbox)
    has_text_answer: bool = False


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.current: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("action", ""))
            self.forms.append(self.current)
        elif tag == "input" and self.current is not None:
            kind = a.get("type", "text")
            if kind == "hidden":
                self.current.hidden[a["name"]] = a.get("value", "")
            elif kind in ("radio", "checkbox"):
                self.current.options.append((a.get("value", ""), kind))
            elif a.get("name") == "answer":
                self.current.has_text_answer = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None


def page_forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _reply(form: Form) -> dict[str, str | list[str]]:
    """Yes to INTERVIEW_YES, no to the rest; age and sex as given; not sure to free text."""
    qid = form.hidden["question"]
    values = [v for v, _ in form.options]
    if qid == "age":
        return {"answer": INTERVIEW_AGE}
    if qid == "sex":
        return {"answer": INTERVIEW_SEX}
    if form.has_text_answer:
        return {"not_sure": "1"}
    if form.options and form.options[0][1] == "checkbox":
        return {"answer": [v for v in values if v in INTERVIEW_YES] or ["none"]}
    if "present" in values:
        return {"answer": "present" if qid in INTERVIEW_YES else "absent"}
    return {"answer": "unknown" if "unknown" in values else values[0]}


def _stats(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    k = max(0, min(len(ordered) - 1, round(0.99 * (len(ordered) - 1))))
    return {
        "repeats": len(ordered),
        "median_ms": statistics.median(ordered),
        "p99_ms": ordered[k],
        "mean_ms": statistics.fmean(ordered),
        "max_ms": ordered[-1],
    }


def time_result_page(repeats: int = 50) -> dict[str, Any]:
    """Drive a web interview to its result page in-process, then time re-posting its last
    answer (the POST /interview that renders the result page) and POST /report, `repeats`
    times each (after 3 warm-up posts). Also times GET /healthz, the test client's own cost.
    Milliseconds, wall clock around `client.post`."""
    from fastapi.testclient import TestClient

    from legwise.interfaces.api.app import create_app
    from legwise.interfaces.api.settings import Settings

    with TestClient(create_app(Settings()), base_url=f"http://{HOST}") as client:
        page = client.get("/")
        page.raise_for_status()
        (start,) = [f for f in page_forms(page.text) if f.hidden.get("action") == "start"]
        page = client.post(start.action, data={**start.hidden, "text": ""})
        last: dict[str, Any] | None = None
        questions = 0
        for _ in range(80):
            page.raise_for_status()
            form = next((f for f in page_forms(page.text) if "question" in f.hidden), None)
            if form is None:
                break
            last = {"url": form.action, "data": {**form.hidden, **_reply(form)}}
            page = client.post(last["url"], data=last["data"])
            questions += 1
        else:
            raise RuntimeError("the interview never reached its result page")
        if last is None:
            raise RuntimeError("the interview ended before its first question")
        extra = next((f for f in page_forms(page.text) if "question" not in f.hidden), None)
        if extra is not None and "state" in extra.hidden:  # the closing "anything else?" box
            last = {"url": extra.action, "data": {**extra.hidden, "action": "extra", "text": ""}}
            page = client.post(last["url"], data=last["data"])  # then GET /result
        result_html = page.text
        report_form = next(
            (
                f
                for f in page_forms(result_html)
                if f.action.endswith("/report") and "state" in f.hidden
            ),
            None,
        )
        if report_form is None:
            raise RuntimeError("the result page has no doctor's report form")

        def timed(url: str, data: dict[str, Any] | None) -> tuple[list[float], int, str]:
            samples: list[float] = []
            status, text = 0, ""
            for i in range(repeats + 3):
                t0 = time.perf_counter()
                resp = client.post(url, data=data) if data is not None else client.get(url)
                dt = (time.perf_counter() - t0) * 1000.0
                status, text = resp.status_code, resp.text
                if status != 200:
                    raise RuntimeError(f"{url} answered {status}: {text[:300]}")
                if i >= 3:
                    samples.append(dt)
            return samples, status, text

        result_ms, _, again = timed(last["url"], last["data"])
        if again != result_html:
            raise RuntimeError("re-posting the last answer did not give the same result page")
        report_ms, _, report_html = timed(report_form.action, dict(report_form.hidden))
        baseline_ms, _, _ = timed("/healthz", None)
    return {
        "questions_answered": questions,
        "result_page_bytes": len(result_html.encode()),
        "report_page_bytes": len(report_html.encode()),
        "result_page": _stats(result_ms),
        "report_page": _stats(report_ms),
        "healthz_baseline": _stats(baseline_ms),
    }


# --- the load runs -------------------------------------------------------------------------------


FHIR_ASSESS = "/fhir/QuestionnaireResponse/$assess"


def fhir_bodies(n: int = BODIES) -> list[bytes]:
    """`n` distinct realistic QuestionnaireResponses of 13 answers each (age, sex and 11
    findings; bench/diary_fhir.py's generator) for FHIR `$assess`."""
    from diary_fhir import realistic_responses

    from legwise.kb.loader import load_knowledge

    responses = realistic_responses(load_knowledge(), n, answers=13)
    return [json.dumps(r, separators=(",", ":")).encode() for r in responses]


def load_matrix(
    wrk: str,
    bodies: list[bytes],
    seconds: int,
    workers: int | None,
    before: Path | None = None,
    fhir: list[bytes] | None = None,
) -> dict[str, dict[str, Any]]:
    """Every server and view at 32 connections (and the main ones at 1), one server at a
    time so they never compete for the cores: echo; the app with 1 and with 2 workers
    (access log off), FHIR `$assess` on the 1-worker app (`fhir`: its bodies); `legwise
    serve` as shipped (access log on)."""
    app = ["--factory", "legwise.interfaces.api.app:create_app"]
    plan: list[tuple[str, Any, list[tuple[str, str, tuple[int, ...]]]]] = [
        (
            "echo",
            lambda d: start_server("echo", ["--app-dir", str(BENCH), "echo_app:app"], d),
            [("echo", "/echo", (32, 1))],
        ),
        (
            "app1",
            lambda d: start_server("app1", app, d, workers=1),
            [
                ("full", "/v1/assess", (32, 1)),
                ("summary", "/v1/assess?view=summary", (32,)),
                *([("fhir", FHIR_ASSESS, (32,))] if fhir else []),
            ],
        ),
        (
            "app2",
            lambda d: start_server("app2", app, d, workers=2),
            [("full", "/v1/assess", (32, 1)), ("summary", "/v1/assess?view=summary", (32,))],
        ),
        (
            "shipped1",
            lambda d: start_shipped("shipped1", d, None),
            [("full", "/v1/assess", (32, 1))],
        ),
    ]
    if before is not None:
        plan.insert(
            1,
            (
                "before1",
                lambda d: start_server("before1", app, d, workers=1, source=before),
                [("full", "/v1/assess", (32, 1))],
            ),
        )
    if workers:
        plan.append(
            (
                f"shipped{workers}",
                lambda d: start_shipped(f"shipped{workers}", d, workers),
                [("full", "/v1/assess", (32, 1)), ("summary", "/v1/assess?view=summary", (32,))],
            )
        )
    labels = {
        "echo": "bare FastAPI echo, 1 worker",
        "app1": "legwise app, 1 worker, no access log",
        "app2": "legwise app, 2 workers, no access log",
        "shipped1": "legwise serve (access log on)",
        "before1": "before: the app from --before, 1 worker",
    }
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="legwise-serve-load-", dir=LOG_DIR) as tmp:
        folder = Path(tmp)
        for name, start, views in plan:
            with running(start(folder), views[0][1], bodies[0]) as server:
                for view, path, conns_list in views:
                    script = folder / f"{name}-{view}.lua"
                    sent = fhir if view == "fhir" and fhir else bodies
                    script.write_text(lua_rotating(sent, path), encoding="utf-8")
                    url = server.base + path.split("?")[0]
                    run_wrk(wrk, url, script, CONNECTIONS[0], 1)  # warm-up, 1 s
                    for conns in conns_list:
                        r = measured(wrk, server, url, script, conns, seconds, view)
                        r["server"] = labels.get(name, f"legwise serve --workers {workers}")
                        r["view"] = view
                        key = "echo" if name == "echo" else f"{name}_{view}"
                        runs[f"{key}_c{conns}"] = r
    return runs


def measured(
    wrk: str, server: Server, url: str, script: Path, conns: int, seconds: int, view: str
) -> dict[str, Any]:
    """One wrk run with the server's CPU time per request. Every response must be a 2xx and
    no socket may fail; a run with socket errors is run once more (after a 1 s warm-up) and
    both are kept, since a stall of the whole machine for 5 s or more (another job's disk
    flush, a busy host) times out every connection at once; a second failure stops the
    bench with the kinds of error and the server's log."""
    first: dict[str, Any] | None = None
    for attempt in (1, 2):
        cpu0 = server_cpu_seconds(server)
        r = run_wrk(wrk, url, script, conns, seconds)
        cpu = server_cpu_seconds(server) - cpu0
        r["cpu_us_per_request"] = 1e6 * cpu / max(1, r["requests"] or 1)
        if not r["non_2xx"] and not r["socket_errors"]:
            if first is not None:
                r["first_attempt"] = first
            return r
        said = (
            f"{server.name} {view} at {conns} connections: {r['non_2xx']} non-2xx responses, "
            f"{r['socket_errors']} socket errors {r['socket_error_kinds']}"
        )
        if r["non_2xx"] or attempt == 2:
            raise RuntimeError(f"{said}; the server's log:\n{log_tail(server)}")
        print(f"  ! {said}; running it again", file=sys.stderr)
        first = r
        run_wrk(wrk, url, script, CONNECTIONS[0], 1)  # warm-up, 1 s
    raise AssertionError("unreachable")


# --- report ---------------------------------------------------------------------------------------


def verdicts(measured: dict[str, float | None]) -> tuple[list[tuple[str, ...]], dict[str, Any]]:
    rows: list[tuple[str, ...]] = [("target", "goal", "measured", "result")]
    out: dict[str, Any] = {}
    for key, (label, op, goal, unit) in TARGETS.items():
        value = measured.get(key)
        goal_s = f"{op} {goal:g}{'' if unit == '%' else ' '}{unit}"
        out[key] = judge(value, op, goal)
        if value is None:
            rows.append((label, goal_s, "-", "SKIP"))
            continue
        shown = f"{value:.1f}%" if unit == "%" else f"{value:,.2f} {unit}"
        rows.append((label, goal_s, shown, out[key]["result"]))
    return rows, out


def _wrk_version(wrk: str) -> str:
    proc = subprocess.run([wrk, "-v"], capture_output=True, text=True, timeout=10)
    first = (proc.stdout or proc.stderr).strip().splitlines()
    return first[0] if first else "wrk"


# --- `legwise serve --workers N` under load (issue 14) -------------------------------------------

SERVE_MAX_SECONDS = 120


def serve_workers_run(wrk: str, workers: int, connections: int, seconds: int) -> dict[str, Any]:
    """The real `legwise serve --workers N` (its own settings, limits and timeouts) on a free
    loopback port, wrk POSTing the case to /v1/assess; every response must be a 2xx."""
    body = json.dumps(CASE, separators=(",", ":")).encode()
    with tempfile.TemporaryDirectory(prefix="legwise-serve-workers-", dir=LOG_DIR) as tmp:
        folder = Path(tmp)
        script = folder / "post.lua"
        script.write_text(lua_script(body), encoding="utf-8")
        port = free_port()
        log = folder / "serve.log"
        env = {**os.environ, "LEGWISE_DATA_DIR": str(folder)}
        cmd = [sys.executable, "-m", "legwise", "serve", "--host", HOST, "--port", str(port)]
        cmd += ["--workers", str(workers)]
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
                start_new_session=True,
            )  # fmt: skip
        server = Server("legwise serve", port, proc, log, workers)
        try:
            wait_ready(server, "/v1/assess", body, timeout=240.0)
            for _ in range(4 * workers):  # every worker answers before the clock starts
                wait_ready(server, "/v1/assess", body, timeout=240.0)
            url = f"{server.base}/v1/assess"
            run_wrk(wrk, url, script, connections, 2, SERVE_MAX_SECONDS)  # warm-up
            result = run_wrk(wrk, url, script, connections, seconds, SERVE_MAX_SECONDS)
        finally:
            stop_server(server)
    result.update(workers=workers, errors=result["non_2xx"] + result["socket_errors"])
    return result


def serve_workers_main(wrk: str, workers: int, connections: int, seconds: int) -> int:
    print(
        f"legwise serve --workers {workers}: wrk {THREADS} threads, {connections} connections, "
        f"{seconds} s, POST /v1/assess on {HOST} ({cpu_name()})"
    )
    r = serve_workers_run(wrk, workers, connections, seconds)
    print(
        f"  {r['requests']:,} requests, {r['requests_per_second']:,.0f} req/s, "
        f"p50 {r.get('p50_ms', float('nan')):.2f} ms, p99 {r['p99_ms']:.2f} ms"
    )
    print(f"  errors: {r['non_2xx']} non-2xx, {r['socket_errors']} socket errors/timeouts")
    verdict = judge(r["errors"], "<=", 0)
    print(f"  {verdict['result']}: errors {verdict['goal']} (measured {r['errors']})")
    return 0 if r["errors"] == 0 else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--seconds",
        type=int,
        default=MAX_SECONDS,
        help=f"length of each wrk run (1..{MAX_SECONDS}, default {MAX_SECONDS})",
    )
    ap.add_argument("--quick", action="store_true", help="3 s load runs, 10 page repeats")
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    ap.add_argument(
        "--serve-workers",
        type=int,
        metavar="N",
        help="instead: load the real `legwise serve --workers N` (with --connections and "
        f"--seconds up to {SERVE_MAX_SECONDS}); fails unless every response is a 2xx",
    )
    ap.add_argument("--connections", type=int, default=64, help="with --serve-workers")
    ap.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="also run `legwise serve --workers N` (as shipped) and judge the 2-worker "
        "targets on it; without it they are judged on uvicorn --workers 2 with the app factory",
    )
    ap.add_argument(
        "--before",
        type=Path,
        metavar="SRC",
        help="also serve the app from an older source tree (its src/ folder, e.g. from "
        "`git archive COMMIT src | tar -x -C DIR`) for a before/after in the same run",
    )
    args = ap.parse_args(argv)
    if args.serve_workers:
        found = shutil.which("wrk")
        if found is None:
            print(
                "wrk is not installed; on Debian or Ubuntu: apt-get install -y wrk", file=sys.stderr
            )
            return 2
        seconds = max(1, min(SERVE_MAX_SECONDS, args.seconds))
        return serve_workers_main(found, args.serve_workers, args.connections, seconds)
    seconds = 3 if args.quick else max(1, min(MAX_SECONDS, args.seconds))
    repeats = 10 if args.quick else 50

    wrk = shutil.which("wrk")
    if wrk is None:
        print(
            "wrk is not installed; on Debian or Ubuntu: apt-get install -y wrk\n"
            "(then run this again; nothing was measured)",
            file=sys.stderr,
        )
        return 2

    import fastapi
    import pydantic_core
    import uvicorn

    from legwise import __version__, assess

    body = json.dumps(CASE, separators=(",", ":")).encode()
    figures: dict[str, Any] = {
        "command": " ".join(
            [Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])]
        ),
        "quick": args.quick,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu": cpu_name(),
            "legwise": __version__,
            "fastapi": fastapi.__version__,
            "uvicorn": uvicorn.__version__,
            "wrk": _wrk_version(wrk),
        },
        "case_body_bytes": len(body),
        "result_body_bytes": len(pydantic_core.to_json(assess(CASE).to_dict())),
    }
    print(
        f"legwise serve-load bench{' (--quick)' if args.quick else ''}: legwise {__version__}, "
        f"fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__} (uvloop, httptools, "
        f"1 worker)"
    )
    print(f"python {platform.python_version()}, {cpu_name()}, {figures['machine']['wrk']}")

    # [a] load
    bodies = case_bodies()
    print(
        f"\n[a] load on {HOST}: wrk, {THREADS} threads, {seconds} s per run, "
        f"{len(bodies):,} distinct case bodies in rotation "
        f"({min(map(len, bodies))}-{max(map(len, bodies))} bytes)"
    )
    figures["bodies"] = len(bodies)
    fhir = fhir_bodies()
    print(
        f"    FHIR $assess: {len(fhir):,} distinct QuestionnaireResponses of 13 answers "
        f"({min(map(len, fhir))}-{max(map(len, fhir))} bytes)"
    )
    runs = load_matrix(wrk, bodies, seconds, args.workers, args.before, fhir)
    figures["load"] = runs
    rows: list[tuple[str, ...]] = [
        ("server", "view", "conns", "req/s", "% echo", "p50", "p99", "CPU/req")
    ]
    echo32 = runs["echo_c32"]["requests_per_second"]
    echo1 = runs["echo_c1"]["requests_per_second"]
    for r in runs.values():
        base = echo32 if r["connections"] == 32 else echo1
        rows.append(
            (
                r["server"],
                r["view"],
                str(r["connections"]),
                f"{r['requests_per_second']:,.0f}",
                f"{100.0 * r['requests_per_second'] / base:.1f}%",
                f"{r.get('p50_ms', float('nan')):,.2f} ms",
                f"{r['p99_ms']:,.2f} ms",
                f"{r['cpu_us_per_request']:,.0f} us",
            )
        )
    print(table(rows))

    def ratio(key: str) -> float | None:
        return 100.0 * runs[key]["requests_per_second"] / echo32 if key in runs else None

    def two(view: str) -> str:  # the 2-worker figures: `legwise serve --workers` when given
        return f"shipped{args.workers}_{view}_c32" if args.workers else f"app2_{view}_c32"

    # [b] pages
    print(f"\n[b] page server time, in-process (fastapi.testclient), {repeats} repeats each")
    pages = time_result_page(repeats)
    figures["pages"] = pages
    prow: list[tuple[str, ...]] = [("what", "bytes", "median", "p99", "max")]
    for key, label, size in (
        ("result_page", "POST /interview, last answer -> result page", "result_page_bytes"),
        ("report_page", "POST /report -> doctor's report", "report_page_bytes"),
        ("healthz_baseline", "GET /healthz (test-client cost)", ""),
    ):
        s = pages[key]
        prow.append(
            (
                label,
                f"{pages[size]:,}" if size else "-",
                f"{s['median_ms']:,.2f} ms",
                f"{s['p99_ms']:,.2f} ms",
                f"{s['max_ms']:,.2f} ms",
            )
        )
    print(f"  interview: {pages['questions_answered']} questions to the result page")
    print(table(prow))

    # [c] targets
    rows_t, figures["targets"] = verdicts(
        {
            "full_2w_ratio": ratio(two("full")),
            "full_2w_p99_ms": runs[two("full")]["p99_ms"],
            "full_1w_ratio": ratio("app1_full_c32"),
            "cpu_us_per_request": runs["app1_full_c32"]["cpu_us_per_request"],
            "full_p50_c1_ms": runs["app1_full_c1"].get("p50_ms"),
            "summary_2w_ratio": ratio(two("summary")),
            "result_page_p99_ms": pages["result_page"]["p99_ms"],
            "report_page_p99_ms": pages["report_page"]["p99_ms"],
        }
    )
    print("\n[c] targets")
    print(table(rows_t))
    if args.quick:
        print("  (--quick: short runs, figures are a smoke test, not a measurement)")

    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the servers were stopped by `servers`' finally
        print("\ninterrupted; servers stopped", file=sys.stderr)
        sys.exit(130)
