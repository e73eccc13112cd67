"""``python -m tools.liveapp COMMAND``: the live app of the pinned release.

    create        scaffold (create-app) and install the app, pinned to the release
    start         start it on 127.0.0.1 and wait until it is ready
    stop          stop the app started on LIVE_APP_BACKEND_PORT
    status        say whether it runs and answers
    run           start, print the URLs, stop on Ctrl+C
    smoke         create + install + start + wait + report + stop, with times (make live-app)
    resolutions   recompute resolutions.json from the registry (--check: compare only)
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time

from . import app, resolutions, server
from .env import app_dir, missing_tools


def _need_tools() -> None:
    why = missing_tools()
    if why:
        sys.exit(f"live app: {why}")


def cmd_create(_args) -> int:
    _need_tools()
    times = app.setup()
    print(f"app ready at {app_dir()} (create {times['create']:.0f} s, "
          f"install {times['install']:.0f} s)")
    return 0


def _set_up_and_start(timeout: float):  # noqa: ANN202 - a server.LiveApp
    """Create and install the app if needed, start it, say where it is."""
    _need_tools()
    app.setup()
    t0 = time.monotonic()
    live = server.start(timeout)
    print(f"ready in {time.monotonic() - t0:.0f} s: frontend {live.frontend_url}, "
          f"backend {live.backend_url} (log {live.log})")
    return live


def cmd_start(args) -> int:
    _set_up_and_start(args.timeout)
    print("stop it with: python -m tools.liveapp stop")
    return 0


def cmd_stop(_args) -> int:
    print("stopped" if server.stop() else "not running")
    return 0


def cmd_status(_args) -> int:
    live = server.read_state()
    if live is None:
        print("not running")
        return 1
    state = "ready" if server.ready(live) else "starting or unhealthy"
    print(f"{state}: frontend {live.frontend_url}, backend {live.backend_url}, "
          f"process group {live.pgid}")
    return 0


def cmd_run(args) -> int:
    live = _set_up_and_start(args.timeout)
    print("Ctrl+C stops the app.")
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop(live)
    return 0


def cmd_smoke(args) -> int:
    _need_tools()
    times = app.setup()
    t0 = time.monotonic()
    with server.running(args.timeout) as live:  # an app already running is reused
        if live.started_here:
            times["start-to-ready"] = time.monotonic() - t0
        status, body = live.request("GET", server.READINESS)
        token = live.guest_token()
        print(f"readiness: HTTP {status} {body}; guest sign-in: token of "
              f"{len(token)} characters; frontend {live.frontend_url} answers")
    print("live app: " + ", ".join(f"{k} {v:.0f} s" for k, v in times.items()))
    return 0


def cmd_resolutions(args) -> int:
    data = resolutions.generate()
    if args.check:
        old = json.loads(resolutions.DATA.read_text(encoding="utf-8"))
        if old != data:
            diff = {k: (old["resolutions"].get(k), v) for k, v in data["resolutions"].items()
                    if old["resolutions"].get(k) != v}
            print(f"{resolutions.DATA.name} is out of date: {diff}")
            return 1
        print(f"{resolutions.DATA.name} is up to date ({len(data['resolutions'])} packages)")
        return 0
    resolutions.write(data)
    print(f"wrote {resolutions.DATA.name}: {len(data['resolutions'])} @backstage packages "
          f"of release {data['release']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.liveapp",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("create", "start", "stop", "status", "run", "smoke", "resolutions"):
        p = sub.add_parser(name)
        p.set_defaults(func=globals()[f"cmd_{name}"])
        if name in ("start", "run", "smoke"):
            p.add_argument("--timeout", type=float, default=600,
                           help="seconds to wait for the app to be ready")
        if name == "resolutions":
            p.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
