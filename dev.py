#!/usr/bin/env python3
"""Bootstrap and run legwise from a fresh clone with nothing but Python 3.11+.

    python3 dev.py legwise [ARGS...]   install from the lock file (first time), then run legwise
    python3 dev.py test [PYTEST ARGS]  lint (ruff), type-check (mypy) and run every test (pytest,
                                       with coverage; the browser tests need Debian's chromium,
                                       and npm for axe-core, which this installs into
                                       .tools/npm; the store tests also run on a throwaway
                                       PostgreSQL server, which this installs (Debian's
                                       postgresql) and starts on loopback, then stops). As CI.
    python3 dev.py test --fast [ARGS]  the quick loop: the same lint and type check, then the
                                       tests outside the browser, postgres, slow and bench
                                       tiers (`pytest --fast`; nothing installed or started)
    python3 dev.py bench [ARGS...]     run the benchmarks in bench/
    python3 dev.py audit               pip-audit over every package uv.lock pins (all extras);
                                       fails when any package has a known vulnerability, was
                                       skipped, or the advisory service could not be reached.
                                       Needs network access (PyPI's advisory database): it is
                                       not part of `test`, which runs offline

It uses uv (https://docs.astral.sh/uv/) to install exactly what uv.lock pins into .venv; when
uv is not on PATH it installs a pinned uv into .tools/ first. Standard library only.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import venv
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
UV_VERSION = "0.13.9"
TOOLS = ROOT / ".tools"
AXE_CORE = "4"  # npm version range of axe-core, the accessibility checker the browser tests run
PIP_AUDIT = "2.10.1"  # run with `uv tool run`, so it is not in the project's lock


def _uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    home = TOOLS / "uv"  # its own folder: .tools/npm must survive a fresh uv install
    local = home / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv")
    if not local.exists():
        print(f"dev.py: installing uv {UV_VERSION} into {home} ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(home)
        pip = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        subprocess.run(
            [str(pip), "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"], check=True
        )
    return str(local)


def _run(cmd: list[str]) -> int:
    return subprocess.run(cmd, cwd=ROOT).returncode


def _sync(uv: str, extras: list[str]) -> None:
    cmd = [uv, "sync", "--locked", "--quiet", "--python", sys.executable]
    for extra in extras:
        cmd += ["--extra", extra]
    if _run(cmd) != 0:
        sys.exit("dev.py: installing the locked dependencies failed (see above)")


def _bin(name: str) -> str:
    return str(ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin") / name)


def _axe_core() -> None:
    """axe-core (npm) for the browser tests, into .tools/npm once; they say what is missing."""
    if (TOOLS / "npm" / "node_modules" / "axe-core" / "axe.min.js").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        print(
            "dev.py: npm not found, so axe-core is missing (the browser tests will fail)",
            file=sys.stderr,
        )
        return
    print(f"dev.py: installing axe-core {AXE_CORE} into {TOOLS / 'npm'} ...", file=sys.stderr)
    cmd = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix"]
    _run([*cmd, str(TOOLS / "npm"), f"axe-core@{AXE_CORE}"])


# WeasyPrint's libraries: `legwise serve` makes the doctor's report PDF with them.
DEBIAN_FOR_PDF = (
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz0b",
    "libharfbuzz-subset0",
    "libfontconfig1",
    "fonts-dejavu-core",
)
# The tests also need Chromium (the browser tests; Playwright never downloads a browser).
DEBIAN_FOR_TESTS = (*DEBIAN_FOR_PDF, "chromium")


def _debian_packages(packages: tuple[str, ...] = DEBIAN_FOR_TESTS) -> None:
    """Install the missing Debian packages when this machine can (root with apt-get)."""
    dpkg, apt = shutil.which("dpkg-query"), shutil.which("apt-get")
    if dpkg is None or apt is None:
        return
    missing = []
    for pkg in packages:
        found = subprocess.run(
            [dpkg, "-W", "-f=${Status}", pkg], capture_output=True, text=True
        ).stdout
        if "install ok installed" not in found:
            missing.append(pkg)
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        print(f"dev.py: please install: apt-get install {' '.join(missing)}", file=sys.stderr)
        return
    print(f"dev.py: installing {' '.join(missing)} with apt-get ...", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([apt, "update", "-qq"], env=env, check=False)
    subprocess.run([apt, "install", "-y", "-qq", *missing], env=env, check=False)


def _pg_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl, createdb). Debian keeps
    them off PATH, under /usr/lib/postgresql/N/bin; take the newest version there."""

    def version(path: str) -> int:
        part = Path(path).parts[-3]
        return int(part) if part.isdigit() else 0

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if debian:
        return Path(debian[-1]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _install_postgres() -> Path | None:
    """PostgreSQL's server programs, installed with apt-get when missing and we are root."""
    found = _pg_bin()
    if found is not None:
        return found
    apt = shutil.which("apt-get")
    if apt is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(
            "dev.py: PostgreSQL not found (apt-get install postgresql), so the store tests "
            "run on SQLite only",
            file=sys.stderr,
        )
        return None
    print("dev.py: installing postgresql with apt-get ...", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([apt, "update", "-qq"], env=env, check=False)
    subprocess.run([apt, "install", "-y", "-qq", "postgresql"], env=env, check=False)
    return _pg_bin()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def _postgres() -> Iterator[str | None]:
    """A throwaway PostgreSQL server on loopback for the store tests; yields its URL.

    The cluster lives in a temporary folder, trusts loopback connections only, and is
    stopped and removed afterwards, also when the tests fail. As root the server runs as
    the `postgres` user (PostgreSQL refuses to run as root)."""
    if os.environ.get("LEGWISE_TEST_POSTGRES_URL"):
        yield os.environ["LEGWISE_TEST_POSTGRES_URL"]
        return
    bindir = _install_postgres()
    if bindir is None:
        yield None
        return
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="legwise-pg-"))
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()

    def run(*cmd: str) -> bool:
        done = subprocess.run([*as_user, *cmd], capture_output=True, text=True)
        if done.returncode != 0:
            print(
                f"dev.py: {Path(cmd[0]).name} failed:\n{done.stdout}{done.stderr}", file=sys.stderr
            )
        return done.returncode == 0

    started = False
    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
        if not run(*initdb, "--no-sync", "-E", "UTF8", "--locale=C"):
            yield None
            return
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={base}"
        started = run(
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-o",
            options,
            "-w",
            "start",
        )
        if not started or not run(
            str(bindir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "legwise_test",
        ):
            yield None
            return
        print(f"dev.py: PostgreSQL for the store tests on 127.0.0.1:{port}", file=sys.stderr)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/legwise_test"
    finally:
        if started:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


def audit_verdict(returncode: int, stdout: str, stderr: str) -> tuple[bool, str]:
    """pip-audit's JSON report judged: (passed, what to print). Passing needs a report that
    audited every package and found nothing; a skipped package, an empty report or no
    report at all (the advisory service did not answer) fails, never "no known
    vulnerabilities"."""
    try:
        report = json.loads(stdout)
        deps = report["dependencies"]
    except (ValueError, KeyError, TypeError):
        last = (stderr.strip().splitlines() or ["no output"])[-1]
        return False, (
            f"pip-audit gave no report (exit {returncode}): the advisory service could not be "
            f"reached, or pip-audit failed: {last}"
        )
    skipped = [f"{d.get('name')} ({d.get('skip_reason')})" for d in deps if d.get("skip_reason")]
    found = [
        f"{d['name']} {d.get('version')}: {v.get('id')} (fixed in "
        f"{', '.join(v.get('fix_versions') or []) or 'no release yet'})"
        for d in deps
        for v in d.get("vulns") or []
    ]
    problems = []
    if not deps:
        problems.append("no packages were audited")
    if skipped:
        problems.append("skipped, so not audited: " + "; ".join(skipped))
    if found:
        problems.append("known vulnerabilities: " + "; ".join(found))
    if returncode != 0 and not problems:
        problems.append(f"pip-audit failed (exit {returncode})")
    if problems:
        return False, "\n".join(problems)
    return True, f"no known vulnerabilities in {len(deps)} packages (every one audited)"


def _audit(uv: str) -> int:
    with tempfile.TemporaryDirectory(prefix="legwise-audit-") as tmp:
        reqs = Path(tmp) / "requirements.txt"
        export = [
            uv, "export", "--locked", "--all-extras", "--no-emit-project", "--no-hashes",
            "--format", "requirements-txt", "--output-file", str(reqs), "--quiet",
        ]  # fmt: skip
        if _run(export) != 0:
            print("dev.py: could not export the locked set (uv export)", file=sys.stderr)
            return 1
        cmd = [
            uv, "tool", "run", "--from", f"pip-audit=={PIP_AUDIT}", "pip-audit",
            "--requirement", str(reqs), "--no-deps", "--disable-pip", "--strict",
            "--format", "json", "--progress-spinner", "off",
        ]  # fmt: skip
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    ok, message = audit_verdict(proc.returncode, proc.stdout, proc.stderr)
    print(f"dev.py audit: {'passed' if ok else 'FAILED'}: {message}", file=sys.stderr)
    return 0 if ok else 1


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may run on an older Python
        sys.exit("dev.py: legwise needs Python 3.11 or newer")
    uv = _uv()
    what, rest = argv[0], argv[1:]
    if what == "legwise":
        _sync(uv, [])
        if rest[:1] == ["serve"]:
            _debian_packages(DEBIAN_FOR_PDF)
        return _run([_bin("legwise"), *rest])
    if what == "test":
        fast = "--fast" in rest
        _sync(uv, ["dev"])
        for step in (
            [_bin("ruff"), "check", "src", "tests", "bench", "dev.py"],
            [_bin("ruff"), "format", "--check", "src", "tests", "bench", "dev.py"],
            [_bin("mypy")],
        ):
            if _run(step) != 0:
                shown = " ".join([Path(step[0]).name, *step[1:]])
                print(f"dev.py: failed: {shown}", file=sys.stderr)
                return 1
        if fast:
            code = _run([_bin("pytest"), *rest])
        else:
            _debian_packages()
            _axe_core()
            os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            with _postgres() as pg_url:
                if pg_url:
                    os.environ["LEGWISE_TEST_POSTGRES_URL"] = pg_url
                code = _run([_bin("pytest"), "--cov", "--cov-report=term", *rest])
        if code == 5:
            print("dev.py: pytest collected no tests: that is a failure", file=sys.stderr)
            return 1
        return code
    if what == "bench":
        _sync(uv, ["bench"])
        # bench/run.py runs pgmpy in its own uv project: hand it the uv found here (it may
        # be only in .tools/, not on PATH), so the comparison is never skipped for want of it.
        os.environ["LEGWISE_UV"] = uv
        return _run([_bin("python"), "bench/run.py", *rest])
    if what == "audit":
        return _audit(uv)
    sys.exit(f"dev.py: unknown command {what!r} (use legwise, test, bench or audit)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
