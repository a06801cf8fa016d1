"""Are the service's replies byte for byte what an older source tree gave? POST /v1/assess
(full and summary view) and a set of bad bodies, through the whole app in-process (every
middleware, no network), from this tree and from `--before SRC`, compared reply by reply.

    .venv/bin/python bench/serve_identity.py --before /tmp/old/src          # 2,000 cases
    .venv/bin/python bench/serve_identity.py --before /tmp/old/src --cases 500
    .venv/bin/python bench/serve_identity.py --before /tmp/old/src --time 3

With `--time N` it also measures each tree's CPU time per request (process time over 500
full-view requests, through every middleware but without HTTP parsing): one long-lived
process per tree, each request already made once, then 4N short rounds taking turns
between the two, best round of each (and the median). Short rounds in turn see the same
load from the rest of a busy machine, so the two figures compare the trees far better
than requests per second do.

SRC is an older `src/` folder, e.g. from `git archive COMMIT src | tar -x -C DIR`. Exit 0 when
every status, content type and body is identical, 1 otherwise (the first differences shown).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent

# Bodies that must keep their exact error replies (and the long way through the route).
BAD: list[tuple[str, bytes, str]] = [
    ("/v1/assess", b'{"age": NaN}', "application/json"),
    ("/v1/assess", b'{"age": 1e400}', "application/json"),
    ("/v1/assess", b'{"id": 123456789012345678901234567890123456789012345}', "application/json"),
    ("/v1/assess", b'{"id": "\\ud800"}', "application/json"),
    ("/v1/assess", b'{"findings": {"nope": "present"}}', "application/json"),
    ("/v1/assess", b'{"findings": {"one_leg_swollen": "maybe"}}', "application/json"),
    ("/v1/assess", b'{"age": 300}', "application/json"),
    ("/v1/assess", b'{"extra": 1}', "application/json"),
    ("/v1/assess", b'{"findings": [1, 2]}', "application/json"),
    ("/v1/assess", b'{"findings": {"a": {"b": {}}}}', "application/json"),
    ("/v1/assess", b"not json", "application/json"),
    ("/v1/assess", b"\xff\xfe", "application/json"),
    ("/v1/assess", b"", "application/json"),
    ("/v1/assess", b'{"age": 50}', "text/plain"),
    ("/v1/assess?view=tiny", b'{"age": 50}', "application/json"),
    ("/v1/assess?view=summary&x=1", b'{"age": 50}', "application/json"),
    ("/v1/assess", b"[" * 100 + b"]" * 100, "application/json"),
    ("/v1/assess", b'{"text": "zzzz qqqq"}', "application/json"),
]


async def _call(app: Any, path: str, body: bytes, ctype: str) -> tuple[int, bytes, bytes]:
    route, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": route,
        "raw_path": route.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"content-type", ctype.encode()),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    given = False

    async def receive() -> dict[str, Any]:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    out: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        out.append(message)

    await app(scope, receive, send)
    start = out[0]
    ctype_out = dict(start["headers"]).get(b"content-type", b"")
    body_out = b"".join(m.get("body", b"") for m in out if m["type"] == "http.response.body")
    return start["status"], ctype_out, body_out


def requests(cases: int) -> list[tuple[str, bytes, str]]:
    sys.path.insert(0, str(BENCH))
    from run import generate_cases

    from legwise.kb.loader import load_knowledge

    bodies = [
        json.dumps(c, separators=(",", ":")).encode()
        for c in generate_cases(load_knowledge(), cases, seed=16)
    ]
    out = [("/v1/assess", b, "application/json") for b in bodies]
    out += [("/v1/assess?view=summary", b, "application/json") for b in bodies[:200]]
    out += [("/v1/assess?view=full", b, "application/json; charset=utf-8") for b in bodies[:50]]
    return out + BAD


TIMED = 500  # full-view requests in a timed round


def dump(cases: int, out: Path, timed: bool = False) -> None:
    """One line per request: status, content type and the SHA-256 of the body (and its
    first bytes, to show a difference). `timed`: then print "ready" and, for each line read
    from stdin, time the first `TIMED` full-view requests again and print the CPU
    microseconds per request."""
    import gc
    import time

    from legwise.interfaces.api.app import create_app

    app = create_app()
    sent = requests(cases)

    async def main() -> None:
        async with app.router.lifespan_context(app):
            with out.open("w", encoding="utf-8") as f:
                for path, body, ctype in sent:
                    status, ct, reply = await _call(app, path, body, ctype)
                    digest = hashlib.sha256(reply).hexdigest()
                    head = reply[:160].decode("utf-8", "replace")
                    f.write(json.dumps([path, status, ct.decode(), len(reply), digest, head]))
                    f.write("\n")
            if timed:
                full = sent[: min(cases, TIMED)]
                gc.collect()
                print("ready", flush=True)
                for _ in sys.stdin:
                    start = time.process_time()
                    for path, body, ctype in full:
                        await _call(app, path, body, ctype)
                    used = time.process_time() - start
                    print(f"{1e6 * used / len(full):.1f}", flush=True)

    asyncio.run(main())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--before", type=Path, help="an older src/ folder to compare with")
    ap.add_argument("--cases", type=int, default=2000, help="distinct cases (default 2,000)")
    ap.add_argument("--time", type=int, default=0, metavar="N", help="rounds of timing")
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--timed", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.dump:
        dump(args.cases, args.dump, args.timed)
        return 0
    if args.before is None:
        ap.error("--before SRC is needed")
    times: dict[str, list[float]] = {"before": [], "now": []}
    with tempfile.TemporaryDirectory(prefix="legwise-identity-") as tmp:
        files = {name: Path(tmp) / f"{name}.jsonl" for name in times}
        procs = {}
        try:
            for name, source in (("before", args.before), ("now", None)):
                env = dict(os.environ)
                if source is not None:
                    env["PYTHONPATH"] = str(source)
                cmd = [sys.executable, __file__, "--cases", str(args.cases), "--dump", files[name]]
                if args.time:
                    cmd.append("--timed")
                procs[name] = subprocess.Popen(
                    [str(c) for c in cmd], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    text=True,
                )  # fmt: skip
                if not args.time:
                    procs[name].communicate()
                elif procs[name].stdout.readline().strip() != "ready":  # type: ignore[union-attr]
                    raise RuntimeError(f"the {name} tree did not start")
            for _ in range(4 * args.time):
                for name, proc in procs.items():
                    proc.stdin.write("go\n")  # type: ignore[union-attr]
                    proc.stdin.flush()  # type: ignore[union-attr]
                    times[name].append(float(proc.stdout.readline()))  # type: ignore[union-attr]
        finally:
            for proc in procs.values():
                if proc.stdin is not None:
                    proc.stdin.close()
                proc.wait()
        if any(proc.returncode for proc in procs.values()):
            raise RuntimeError("a tree's run failed")
        before = files["before"].read_text(encoding="utf-8").splitlines()
        now = files["now"].read_text(encoding="utf-8").splitlines()
    differ = [(b, n) for b, n in zip(before, now, strict=True) if b != n]
    total = sum(json.loads(line)[3] for line in now)
    print(
        f"{len(now):,} replies ({args.cases:,} cases full view, 200 summary, 50 with a charset, "
        f"{len(BAD)} bad bodies; {total:,} bytes): {len(differ)} differ"
    )
    if args.time:
        import statistics

        best = {k: min(v) for k, v in times.items()}
        middle = {k: statistics.median(v) for k, v in times.items()}
        print(
            f"CPU per full-view request in-process (best of {len(times['now'])} rounds in "
            f"turn, median in brackets): before {best['before']:,.0f} us "
            f"({middle['before']:,.0f}), now {best['now']:,.0f} us ({middle['now']:,.0f}): "
            f"now/before {best['now'] / best['before']:.3f}"
        )
    for b, n in differ[:5]:
        print(f"  before: {b[:300]}\n  now:    {n[:300]}")
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
