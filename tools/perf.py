#!/usr/bin/env python3
"""afterglow as a person feels it: the real binary in a pseudo-terminal.

Runs, in one interleaved suite beside `examples/floor.rs` (a ratatui program
that draws one static frame):

* time to the first full frame, peak memory (tuiprobe);
* keystroke-to-paint when moving in each pane and when ticking a habit;
* idle CPU over a stretch of time with the live countdown running;
* the wall time of each kind of write through the command line;

on an empty database and on 1- and 10-year demo databases. Prints a
Markdown table (the one in docs/performance.md) and writes every raw number
to a JSON file.

Usage (from the repository root):

    python3 -m venv /tmp/tpvenv && /tmp/tpvenv/bin/pip install pyte psutil
    /tmp/tpvenv/bin/python tools/perf.py [--runs 7] [--idle 30] \
        [--tuiprobe ../shared/tools/tuiprobe/tuiprobe.py] [--out /tmp/afterglow-perf]

Nothing here is timed inside `cargo test`: numbers from a shared 2-core
machine belong in a benchmark report, not in a pass/fail unit test.
"""

import argparse
import json
import os
import pty
import select
import shutil
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
BIN = os.path.join(TARGET, "release", "afterglow")
FLOOR = os.path.join(TARGET, "release", "examples", "floor")
COLS, ROWS = 80, 24
# Every screen size the suite measures; the first is the one of the
# older tables (docs/performance.md).
SIZES = [(80, 24), (120, 40)]
# The databases: "empty" and N-year demo histories.
DBS = ["empty", "1y", "10y"]
# What to measure (--what): first frames and memory, the first key right
# after the first frame, moving, ticking, status against --version, idle
# CPU and command-line writes.
WHAT = ["start", "firstkey", "keys", "tick", "status", "idle", "writes"]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build():
    sh(["cargo", "build", "--release", "--locked", "--bin", "afterglow",
        "--example", "floor"], cwd=ROOT)


def clean_env(home):
    env = {k: v for k, v in os.environ.items()
           if k not in ("AFTERGLOW_DB", "AFTERGLOW_CONFIG", "VISUAL", "EDITOR")}
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"), TZ="UTC")
    return env


def make_databases(out, binary=BIN, prefix=""):
    """Golden databases, made once; each run works on a fresh copy. An
    older build (--base) gets its own, made by itself: a file this build
    wrote may carry a schema the older one refuses."""
    golden = os.path.join(out, "golden")
    os.makedirs(golden, exist_ok=True)
    home = os.path.join(out, "home")
    os.makedirs(home, exist_ok=True)
    env = clean_env(home)
    dbs = {}
    empty = os.path.join(golden, f"{prefix}empty.db")
    if "empty" in DBS and not os.path.exists(empty):
        # Any command that writes creates the file with its first-run
        # habits (one that only reads creates nothing); unticking a day
        # that was never ticked then records nothing.
        sh([binary, "--db", empty, "habit", "untick", "sleep"], env=env,
           stdout=subprocess.DEVNULL)
    if "empty" in DBS:
        dbs["empty"] = empty
    for years in [int(d[:-1]) for d in DBS if d != "empty"]:
        path = os.path.join(golden, f"{prefix}{years}y.db")
        if not os.path.exists(path):
            sh([binary, "--db", path, "demo", "--years", str(years)], env=env,
               stdout=subprocess.DEVNULL)
        dbs[f"{years}y"] = path
    return dbs, env


def copy_cmd(src, dst):
    return f"rm -f {dst} {dst}-wal {dst}-shm && cp {src} {dst}"


# Each pane: focus it, then move. The first key of each script is unmeasured
# focus; the moves are what a person does most.
KEYS = {
    "timeline": "<measure:off> 1 <sleep 0.2> <measure:on> <Down*8> <Up*8>",
    "journal": "<measure:off> 2 <sleep 0.2> <measure:on> <Down*8> <Up*8>",
    "habits": "<measure:off> 3 <sleep 0.2> <measure:on> <Down*2> <Up*2> <Left*6> <Right*6>",
    "intention": "<measure:off> 4 <sleep 0.2> <measure:on> <Down*4> <Up*4>",
    # End reads the journal's oldest page (issue 12), then moving there
    # reads the newer pages back as they come near.
    "oldest": "<measure:off> 2 <sleep 0.2> <measure:on> <End> <Up*8> <Down*8>",
    # A search typed into the journal a letter at a time, each letter
    # searching the whole of it.
    "search": "<measure:off> 2 <sleep 0.2> / <sleep 0.2> <measure:on> k i t c h e n",
    # The Insights pane zoomed (issue 13): each range is laid out anew
    # from the analysis, then the view scrolls.
    "insights": "<measure:off> 5 <sleep 0.2> z <sleep 0.5> <measure:on> r r r r <Down*4> <Up*4>",
    # Space opens the amount dialog; Enter stores the tick and repaints.
    "tick": "<measure:off> 3 <sleep 0.2> <Space> <sleep 0.2> <measure:on> <Enter>"
            " <expect:Ticked>",
}


# The first key as soon as the first frame is on screen, with no pause
# before it: a dashboard that checks the whole file before it reads keys
# paints this key only after the check.
FIRST_KEY = "? <expect:Esc closes>"


def run_tuiprobe(args, cases, json_path):
    cmd = [args.python, args.tuiprobe, "-n", str(args.runs), "--warmup", "2",
           "--cols", str(COLS), "--rows", str(ROWS), "--suite", cases,
           "--json", json_path, "--key-timeout", "2", "--quiet-max", "1.5"]
    # A run that fails (a stalled machine) is reported in the JSON and
    # left out of the medians; the rest of the suite still counts.
    subprocess.run(cmd, stdout=sys.stderr)
    with open(json_path) as f:
        return json.load(f)


def binaries(args):
    """This build, and the one to compare it with (--base), by label."""
    bins = {"": BIN}
    if args.base:
        bins["base "] = args.base
    return bins


def size_tag(cols, rows):
    return "" if (cols, rows) == (COLS, ROWS) else f"@{cols}x{rows}"


def suite(args, dbs, env, work):
    cases = []
    for cols, rows in SIZES:
        tag = size_tag(cols, rows)
        cases.append({"name": f"floor{tag}", "cmd": [FLOOR], "expect": "any key",
                      "cols": cols, "rows": rows})
    for label, binary in binaries(args).items():
        for name, golden in (args.base_dbs if label else dbs).items():
            live = os.path.join(work, f"{label.strip() or 'this'}-{name}.db")
            for cols, rows in SIZES:
                tag = size_tag(cols, rows)
                base = {"cmd": [binary, "--db", live], "env": env,
                        "expect": "4 Intention", "setup": copy_cmd(golden, live),
                        "cols": cols, "rows": rows}
                if "start" in args.what:
                    cases.append(dict(base, name=f"{label}{name}:start{tag}"))
                if "firstkey" in args.what and name != "empty":
                    cases.append(dict(base, name=f"{label}{name}:firstkey{tag}",
                                      keys=FIRST_KEY, quiet_ms=0, jitter_ms=0))
                if tag or (label and not args.base_keys) or name not in args.key_dbs:
                    continue
                for pane, keys in KEYS.items():
                    wanted = "tick" if pane == "tick" else "keys"
                    if wanted in args.what:
                        cases.append(dict(base, name=f"{label}{name}:{pane}", keys=keys))
        if "status" in args.what:
            # A status line polled by tmux: the database stays where it is
            # between runs, with the -wal and -shm a reader leaves.
            cases.append({"name": f"{label}--version", "cmd": [binary, "--version"],
                          "env": env, "until_exit": True})
            for name, golden in (args.base_dbs if label else dbs).items():
                live = os.path.join(work, f"{label.strip() or 'this'}-status-{name}.db")
                sh(["sh", "-c", copy_cmd(golden, live)])
                cases.append({"name": f"{label}{name}:status", "env": env,
                              "cmd": [binary, "--db", live, "status"],
                              "until_exit": True})
    path = os.path.join(work, "cases.json")
    with open(path, "w") as f:
        json.dump(cases, f, indent=1)
    return run_tuiprobe(args, path, os.path.join(work, "tuiprobe.json"))


def cpu_ns(pid):
    # schedstat's first field is time spent on a CPU, in nanoseconds: far
    # finer than utime's 10 ms ticks for a process that is mostly asleep.
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[0])


def idle_cpu(cmd, env, seconds):
    """Percent of one CPU used while the dashboard sits idle."""
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl, struct, termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    try:
        def drain(until):
            while time.monotonic() < until:
                r, _, _ = select.select([fd], [], [], max(0.0, until - time.monotonic()))
                if r:
                    try:
                        if not os.read(fd, 65536):
                            return
                    except OSError:
                        return
        drain(time.monotonic() + 2.0)  # first frame and start-up settle
        start, t0 = cpu_ns(pid), time.monotonic()
        drain(t0 + seconds)
        used, wall = cpu_ns(pid) - start, time.monotonic() - t0
        return 100.0 * used / (wall * 1e9)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


# One of each kind of write a person makes from the command line.
WRITES = {
    "session log": ["session", "log"],
    "intention set": ["intention", "set", "Stay curious about what comes up."],
    "journal add": ["journal", "add", "A quiet evening; the light felt softer. 🌱"],
    "habit tick": ["habit", "tick", "Meditation", "--amount", "10"],
    "therapy log": ["therapy", "log"],
}


def write_times(dbs, env, work, runs):
    out = {}
    for name, golden in dbs.items():
        live = os.path.join(work, f"w-{name}.db")
        for label, argv in WRITES.items():
            samples = []
            for _ in range(runs):
                sh(["sh", "-c", copy_cmd(golden, live)])
                t0 = time.perf_counter_ns()
                r = subprocess.run([BIN, "--db", live] + argv, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = (time.perf_counter_ns() - t0) / 1e6
                if r.returncode != 0:
                    raise SystemExit(f"{label} on {name} failed: {r.stderr.decode()}")
                samples.append(dt)
            out[f"{name}:{label}"] = statistics.median(samples)
    return out


def median_of(summary, metric):
    s = summary.get(metric)
    return None if not s else s.get("median")


def report(probe, idle, writes, dbs, args):
    summaries = {c["case"]: c for c in probe.get("summaries", [])}

    def summ(name):
        return summaries.get(name, {})

    def ms(v):
        return "–" if v is None else f"{v:.2f}"

    def med(name, metric):
        return median_of(summ(name), metric)

    def ratio(a, b):
        return "–" if a is None or not b else f"{a / b:.2f}x"

    lines = []
    for label in binaries(args):
        who = label.strip() or "this build"
        lines.append(f"\n### {who}\n")
        lines.append("| measure (median) | floor | " + " | ".join(dbs) + " |")
        lines.append("|---|---|" + "---|" * len(dbs))
        for cols, rows in SIZES:
            tag = size_tag(cols, rows)
            floor = med(f"floor{tag}", "ttff_ms")
            row = [ms(floor)] + [ms(med(f"{label}{d}:start{tag}", "ttff_ms")) for d in dbs]
            lines.append(f"| first frame, {cols}x{rows} (ms) | " + " | ".join(row) + " |")
            row = ["1.00x"] + [ratio(med(f"{label}{d}:start{tag}", "ttff_ms"), floor)
                               for d in dbs]
            lines.append(f"| first frame / floor, {cols}x{rows} | " + " | ".join(row) + " |")
            row = ["–"] + [ms(med(f"{label}{d}:firstkey{tag}", "keys_all_lat_ms"))
                           for d in dbs]
            lines.append(f"| first key at once, {cols}x{rows} (ms) | " + " | ".join(row) + " |")
            row = [ms(med(f"floor{tag}", "peak_rss_mib"))]
            row += [ms(max(filter(None, [med(f"{label}{d}:{k}{t}", "peak_rss_mib")
                                         for k in ["start", "firstkey"] + list(KEYS)
                                         for t in [tag]]), default=None))
                    for d in dbs]
            lines.append(f"| peak memory, {cols}x{rows} (MiB) | " + " | ".join(row) + " |")
        for pane in KEYS:
            row = ["–"] + [ms(med(f"{label}{d}:{pane}", "keys_all_lat_ms")) for d in dbs]
            what = {"tick": "tick a habit",
                    "oldest": "End to the journal's oldest entry, then move",
                    "search": "search the journal, per letter typed"}.get(pane, f"move in {pane}")
            lines.append(f"| key to paint, {what} (ms) | " + " | ".join(row) + " |")
        version = med(f"{label}--version", "exit_ms")
        row = [ms(version)] + [ms(med(f"{label}{d}:status", "exit_ms")) for d in dbs]
        lines.append("| `status` (`--version` under floor) (ms) | " + " | ".join(row) + " |")
        row = ["1.00x"] + [ratio(med(f"{label}{d}:status", "exit_ms"), version) for d in dbs]
        lines.append("| `status` / `--version` | " + " | ".join(row) + " |")
        if idle and not label:
            row = [f"{idle['floor']:.3f}"] + [f"{idle[d]:.3f}" for d in dbs]
            lines.append("| idle CPU (%) | " + " | ".join(row) + " |")
        if not label:
            for w in WRITES:
                row = ["–"] + [ms(writes.get(f"{d}:{w}")) for d in dbs]
                if any(v != "–" for v in row[1:]):
                    lines.append(f"| `afterglow {w}`, whole command (ms) | "
                                 + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--idle", type=float, default=30.0, help="seconds of idle CPU sampling")
    p.add_argument("--write-runs", type=int, default=15)
    p.add_argument("--tuiprobe", default=os.path.join(ROOT, "..", "shared", "tools",
                                                       "tuiprobe", "tuiprobe.py"))
    p.add_argument("--python", default=sys.executable,
                   help="the Python that has pyte and psutil (tuiprobe's venv)")
    p.add_argument("--out", default="/tmp/afterglow-perf")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--reuse", action="store_true",
                   help="report from the last run's tuiprobe.json instead of running the suite")
    p.add_argument("--base", help="another afterglow binary, measured side by side")
    p.add_argument("--dbs", default=",".join(DBS),
                   help="databases: empty and N-year demos, e.g. empty,1y,10y,30y")
    p.add_argument("--sizes", default=",".join(f"{c}x{r}" for c, r in SIZES))
    p.add_argument("--what", default=",".join(WHAT), help=f"any of {','.join(WHAT)}")
    p.add_argument("--key-dbs", help="the databases to move and tick in (default: all)")
    p.add_argument("--base-keys", action="store_true",
                   help="also move and tick with --base (first frames, the first key and "
                        "status are always measured for both)")
    args = p.parse_args()
    args.what = args.what.split(",")
    args.key_dbs = (args.key_dbs or args.dbs).split(",")
    DBS[:] = args.dbs.split(",")
    SIZES[:] = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    if not os.path.exists(args.tuiprobe):
        raise SystemExit(f"tuiprobe not found at {args.tuiprobe}; pass --tuiprobe PATH")
    if not args.no_build:
        build()
    os.makedirs(args.out, exist_ok=True)
    work = os.path.join(args.out, "work")
    dbs, env = make_databases(args.out)
    args.base_dbs = make_databases(args.out, args.base, "base-")[0] if args.base else {}
    print(f"load before: {os.getloadavg()}", file=sys.stderr)
    if args.reuse:
        with open(os.path.join(work, "tuiprobe.json")) as f:
            probe = json.load(f)
    else:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        probe = suite(args, dbs, env, work)
    idle = {}
    if "idle" in args.what:
        idle["floor"] = idle_cpu([FLOOR], env, args.idle)
        print(f"idle CPU floor: {idle['floor']:.3f} %", file=sys.stderr)
        for name, golden in dbs.items():
            live = os.path.join(work, f"idle-{name}.db")
            sh(["sh", "-c", copy_cmd(golden, live)])
            idle[name] = idle_cpu([BIN, "--db", live], env, args.idle)
            print(f"idle CPU {name}: {idle[name]:.3f} %", file=sys.stderr)
    writes = write_times(dbs, env, work, args.write_runs) if "writes" in args.what else {}
    table = report(probe, idle, writes, dbs, args)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"idle_cpu_percent": idle, "write_ms": writes,
                   "tuiprobe": os.path.join(work, "tuiprobe.json")}, f, indent=1)
    print(table)


if __name__ == "__main__":
    main()
