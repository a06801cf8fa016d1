"""Smoke test of bench/serve_load.py's in-process part (result and report page timing).

The load part needs wrk and two servers, so it runs only from the script itself; this test
drives the same interview to its result page and times a few re-posts, asserting no speed.
"""

from __future__ import annotations

from tests.bench.conftest import load_bench


def test_result_page_timing_runs() -> None:
    serve_load = load_bench("serve_load")
    figures = serve_load.time_result_page(repeats=3)
    assert figures["questions_answered"] > 2  # age, sex and at least one more question
    assert figures["result_page_bytes"] > 0 and figures["report_page_bytes"] > 0
    for key in ("result_page", "report_page", "healthz_baseline"):
        stats = figures[key]
        assert stats["repeats"] == 3
        assert 0 < stats["median_ms"] <= stats["p99_ms"] <= stats["max_ms"]


def test_wrk_output_is_parsed() -> None:
    serve_load = load_bench("serve_load")
    text = """Running 3s test @ http://127.0.0.1:8000/v1/assess
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    38.12ms    9.01ms  80.00ms   70.00%
    Req/Sec   400.00     20.00   450.00     70.00%
  Latency Distribution
     50%   37.90ms
     75%   41.00ms
     90%   48.00ms
     99%  1.20s
  2394 requests in 3.00s, 10.00MB read
  Non-2xx or 3xx responses: 4
Requests/sec:    797.12
Transfer/sec:      3.33MB
"""
    out = serve_load.parse_wrk(text)
    assert out["requests_per_second"] == 797.12
    assert out["requests"] == 2394
    assert out["p50_ms"] == 37.9 and out["p99_ms"] == 1200.0
    assert out["non_2xx"] == 4 and out["socket_errors"] == 0


def test_lua_script_posts_the_body_verbatim() -> None:
    serve_load = load_bench("serve_load")
    script = serve_load.lua_script(b'{"a":"]]"}')
    assert 'wrk.method = "POST"' in script
    assert 'wrk.body = [=[{"a":"]]"}]=]' in script
