#!/usr/bin/env python3
"""Signed Slack slash commands over loopback with wrk: ProductOps, a bare signature-checking
ASP.NET Core endpoint (the floor) and Bolt for JavaScript, side by side. The servers run on one
core, wrk on the other (taskset). Reports requests/s, p50/p99 latency and the server's RSS.
Needs: wrk (apt-get install -y wrk), node (the fake Slack, bench/fake/) and `npm install` in bench/slack/bolt."""
import hashlib, hmac, json, os, re, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fake"))
from fake_platform import FakePlatform  # noqa: E402
from rounds import in_rounds  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SECRET = "bench-signing-secret"
DURATION = os.environ.get("BENCH_DURATION", "20s")
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "1,32").split(",")]
WARMUP = os.environ.get("BENCH_WARMUP", "")  # e.g. "8s" at 32 connections before the measured runs (off by default)
SERVER_CORE, LOAD_CORE = os.environ.get("BENCH_SERVER_CORE", "1"), os.environ.get("BENCH_LOAD_CORE", "0")
# The command's text: "help" answers with ProductOps' longest reply (about 15 KB of text); "whoami" with a short one.
TEXT = os.environ.get("BENCH_TEXT", "help")
ONLY = os.environ.get("BENCH_ONLY", "")  # a server name's start ("ProductOps", "floor", "Bolt") to run just that one
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))  # each server measured once a round, in a rotated order
NO_BUILD = os.environ.get("BENCH_NO_BUILD", "") == "1"
FAKE_PORT = 5399


# Every Web API call and response URL answers ok, so ProductOps' background replies have somewhere to go.
FAKE_ROUTES = [
    {"method": "POST", "contains": "/respond/", "body": {"ok": True}, "count": "replies"},
    {"method": "POST", "contains": "/users.info", "body": {"ok": True, "user": {"id": "UBENCH1", "name": "bench", "tz": "Europe/London", "profile": {"email": "bench@example.com"}}}},
    {"method": "POST", "contains": "/api/", "body": {"ok": True, "user_id": "UBENCH", "user": "productops", "team": "Bench", "team_id": "TBENCH", "channel": {"id": "DBENCH"}}},
]


def body():
    return urllib.parse.urlencode({
        "token": "x", "team_id": "TBENCH", "team_domain": "bench", "channel_id": "CBENCH", "channel_name": "bench",
        "user_id": "UBENCH1", "user_name": "bench", "command": "/productops", "text": TEXT,
        "response_url": f"http://127.0.0.1:{FAKE_PORT}/respond/bench", "trigger_id": "1.2.3"})


def signed_env(payload):
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{payload}".encode(), hashlib.sha256).hexdigest()
    return dict(os.environ, BENCH_BODY=payload, BENCH_TS=ts, BENCH_SIG=sig)


def rss_mb(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def cpu_seconds(pid):
    """User plus system CPU time the process has used: the work per request, whatever else shares the machine."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_ready(url, pid_proc):
    for _ in range(300):
        if pid_proc.poll() is not None:
            raise SystemExit(f"server for {url} exited with {pid_proc.returncode}")
        try:
            req = urllib.request.Request(url, data=b"", method="POST")
            urllib.request.urlopen(req, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 for an unsigned probe): ready
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} never came up")


def ms(text):
    value, unit = float(re.match(r"([\d.]+)", text).group(1)), re.sub(r"[\d.]", "", text)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(url, connections, duration=DURATION):
    env = signed_env(body())
    out = subprocess.run(["taskset", "-c", LOAD_CORE, "wrk", "-t1", f"-c{connections}", f"-d{duration}", "--latency",
                          "-s", os.path.join(HERE, "signed.lua"), url], env=env, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1))
    p99 = ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    with_body = int(re.search(r"Acknowledgements with a body: (\d+)", out).group(1))
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "non_2xx": non2xx, "requests": requests, "with_body": with_body}


def servers(data):
    dll = os.path.join(ROOT, "src/Bot/bin/Release/net10.0/ProductOps.Bot.dll")
    floor = os.path.join(HERE, "floor/bin/Release/net10.0/Floor.dll")
    common = dict(os.environ, SLACK_SIGNING_SECRET=SECRET, ASPNETCORE_ENVIRONMENT="Production", DOTNET_gcServer="0")
    bot_env = dict(common, SLACK_BOT_TOKEN="xoxb-bench", Slack__ApiBaseUrl=f"http://127.0.0.1:{FAKE_PORT}/api/",
                   ConnectionStrings__ProductOps=f"Data Source={data}/bench.db", ProductOps__DemoData="false",
                   Logging__LogLevel__Default="Warning")
    return [
        ("ProductOps", ["dotnet", dll, "--urls", "http://127.0.0.1:5300"], bot_env, "http://127.0.0.1:5300/slack/commands"),
        ("floor (verify + fixed JSON)", ["dotnet", floor, "--urls", "http://127.0.0.1:5301"], common, "http://127.0.0.1:5301/slack/commands"),
        ("Bolt for JavaScript", ["node", os.path.join(HERE, "bolt/app.js")], dict(common, PORT="5302"), "http://127.0.0.1:5302/slack/events"),
    ]


def measure(name, proc, url, connections, fake):
    fake.reset()
    cpu = cpu_seconds(proc.pid)
    r = run_wrk(url, connections)
    r["replies_during"] = fake.count("replies")
    # ProductOps only: commands stored for a turn, as against those answered "very busy" at once.
    queued = r["requests"] - r["with_body"] if name == "ProductOps" else 0
    r["replies"], r["drain_s"] = fake.wait_for("replies", queued)
    r["reply_bytes"] = fake.count("replies_bytes") / max(r["replies"], 1)  # what a reply carried, on average
    # Whole commands: every reply delivered, over the run and the time the replies took to drain.
    r["answered_per_s"] = r["replies"] / (ms(DURATION) / 1000 + r["drain_s"])
    # Acknowledgements and the turns answered in the run and the drain after it, per acknowledged request.
    r["cpu_ms_per_request"] = (cpu_seconds(proc.pid) - cpu) * 1000 / max(r["requests"], 1)
    r["queued_per_s"] = r["rps"] * (1 - r["with_body"] / max(r["requests"], 1))
    r["rss_mb"], r["peak_rss_mb"] = rss_mb(proc.pid)
    r.update(server=name, connections=connections)
    return r


def print_table(rows):
    print("| round | server | connections | requests/s | of which queued a turn /s | p50 ms | p99 ms | non-2xx | RSS MB (peak) | turns answered (during run) | drained after (s) | answered /s, run + drain | CPU ms per request |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        bot = r['server'] == 'ProductOps'
        print(f"| {r['round']} | {r['server']} | {r['connections']} | {r['rps']:,.0f} | {(format(r['queued_per_s'], ',.0f') if bot else '-')} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['non_2xx']} | {r['rss_mb']:.0f} ({r['peak_rss_mb']:.0f}) "
              + (f"| {r['replies']:,} ({r['replies_during']:,}) | {r['drain_s']:.1f} | {r['answered_per_s']:,.0f} " if bot else "| - | - | - ")
              + f"| {r['cpu_ms_per_request']:.3f} |")


def print_medians(results):
    """Medians over the rounds, and ProductOps' share of the floor and multiple of Bolt taken within each
    round, so a slow spell on the machine moves both sides of a ratio together."""
    print()
    print("| server | connections | rounds | median requests/s | median p99 ms | worst p99 ms | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    keys = sorted({(r["server"], r["connections"]) for r in results}, key=lambda k: (k[1], k[0]))
    for server, c in keys:
        rows = [r for r in results if r["server"] == server and r["connections"] == c]
        print(f"| {server} | {c} | {len(rows)} | {statistics.median(r['rps'] for r in rows):,.0f} | "
              f"{statistics.median(r['p99_ms'] for r in rows):.2f} | {max(r['p99_ms'] for r in rows):.2f} | {max(r['peak_rss_mb'] for r in rows):.0f} |")
    for c in CONNECTIONS:
        for other, label in (("floor", "of the floor"), ("Bolt", "× Bolt")):
            ratios = []
            for n in sorted({r["round"] for r in results}):
                ours = [r["rps"] for r in results if r["round"] == n and r["connections"] == c and r["server"] == "ProductOps"]
                theirs = [r["rps"] for r in results if r["round"] == n and r["connections"] == c and r["server"].startswith(other)]
                if ours and theirs:
                    ratios.append(ours[0] / theirs[0])
            if ratios:
                shown = ", ".join(f"{x:.0%}" if other == "floor" else f"{x:.1f}" for x in ratios)
                median = statistics.median(ratios)
                print(f"- {c} connections, ProductOps {label} by round: {shown}; median "
                      + (f"{median:.0%}" if other == "floor" else f"{median:.1f}×"))


def main():
    if not NO_BUILD:
        subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(ROOT, "src/Bot")], check=True, capture_output=True)
        subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(HERE, "floor")], check=True, capture_output=True)
    os.sched_setaffinity(0, {int(LOAD_CORE)})
    fake = FakePlatform(FAKE_PORT, FAKE_ROUTES, LOAD_CORE)  # shares wrk's core, away from the servers
    results, running = [], []
    with tempfile.TemporaryDirectory() as data:
        try:
            # All servers stay up for every round; each is measured in turn, so none is measured only in a
            # slow or a fast spell of the machine. The others sit idle meanwhile.
            for name, cmd, env, url in servers(data):
                if not name.startswith(ONLY):
                    continue
                # Only ProductOps runs where its database is. The floor watches its working directory for
                # settings changes, and there it woke on every write to ProductOps' log, on the same core.
                proc = subprocess.Popen(["taskset", "-c", SERVER_CORE] + cmd, cwd=data if name == "ProductOps" else HERE, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                running.append((name, proc, url))
                wait_ready(url, proc)
                if WARMUP:
                    fake.reset()
                    warm = run_wrk(url, 32, WARMUP)
                    if name == "ProductOps":  # the warm-up's turns finish before anything is measured
                        fake.wait_for("replies", warm["requests"] - warm["with_body"])
            for n, (name, proc, url) in in_rounds(running, ROUNDS):
                for c in CONNECTIONS:
                    r = measure(name, proc, url, c, fake)
                    r["round"] = n
                    results.append(r)
                    print(json.dumps(r), flush=True)
                    time.sleep(2)  # the server's own after-flood work (checkpoints) out of the next run
        finally:
            for _, proc, _ in running:
                proc.terminate()
                proc.wait(10)
    fake.stop()
    print()
    print_table(results)
    print_medians(results)


if __name__ == "__main__":
    sys.exit(main())
