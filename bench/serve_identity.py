"""Are the service's replies byte for byte what an older source tree gave? POST /v1/assess
(full and summary view) and a set of bad bodies, through the whole app in-process (every
middleware, no network), from this tree and from `--before SRC`, compared reply by reply.

    .venv/bin/python bench/serve_identity.py --before /tmp/old/src          # 2,000 cases
    .venv/bin/python bench/serve_identity.py --before /tmp/old/src --cases 500
    .venv/bin/python bench/serve_identity.py --before /tmp/old/src --time 3

With `--time N` it also measures each tree's CPU time per request (process time over the
2,000 full-view requests, through every middleware but without HTTP parsing), N rounds
taking turns between the two trees, best round of each: on a busy machine, a figure that
compares the trees better than requests per second do.

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


def dump(cases: int, out: Path, timed: Path | None = None) -> None:
    """One line per request: status, content type and the SHA-256 of the body (and its
    first bytes, to show a difference). `timed`: then time the full-view requests again
    (each call already made once) and write the CPU microseconds per request there."""
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
            if timed is not None:
                full = sent[:cases]
                gc.collect()
                start = time.process_time()
                for path, body, ctype in full:
                    await _call(app, path, body, ctype)
                used = time.process_time() - start
                timed.write_text(f"{1e6 * used / len(full):.1f}", encoding="utf-8")

    asyncio.run(main())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--before", type=Path, help="an older src/ folder to compare with")
    ap.add_argument("--cases", type=int, default=2000, help="distinct cases (default 2,000)")
    ap.add_argument("--time", type=int, default=0, metavar="N", help="rounds of timing")
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--timed", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.dump:
        dump(args.cases, args.dump, args.timed)
        return 0
    if args.before is None:
        ap.error("--before SRC is needed")
    times: dict[str, list[float]] = {"before": [], "now": []}
    with tempfile.TemporaryDirectory(prefix="legwise-identity-") as tmp:
        files = {}
        for turn in range(max(1, args.time)):
            for name, source in (("before", args.before), ("now", None)):
                files[name] = Path(tmp) / f"{name}.jsonl"
                timed = Path(tmp) / f"{name}-{turn}.us"
                env = dict(os.environ)
                if source is not None:
                    env["PYTHONPATH"] = str(source)
                cmd = [sys.executable, __file__, "--cases", str(args.cases), "--dump", files[name]]
                if args.time:
                    cmd += ["--timed", timed]
                subprocess.run([str(c) for c in cmd], check=True, env=env)
                if args.time:
                    times[name].append(float(timed.read_text(encoding="utf-8")))
        before = files["before"].read_text(encoding="utf-8").splitlines()
        now = files["now"].read_text(encoding="utf-8").splitlines()
    differ = [(b, n) for b, n in zip(before, now, strict=True) if b != n]
    total = sum(json.loads(line)[3] for line in now)
    print(
        f"{len(now):,} replies ({args.cases:,} cases full view, 200 summary, 50 with a charset, "
        f"{len(BAD)} bad bodies; {total:,} bytes): {len(differ)} differ"
    )
    if args.time:
        shown = {k: ", ".join(f"{t:,.0f}" for t in v) for k, v in times.items()}
        print(
            f"CPU per full-view request in-process (best of {args.time}): before "
            f"{min(times['before']):,.0f} us ({shown['before']}), now {min(times['now']):,.0f} us "
            f"({shown['now']})"
        )
    for b, n in differ[:5]:
        print(f"  before: {b[:300]}\n  now:    {n[:300]}")
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
