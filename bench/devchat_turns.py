#!/usr/bin/env python3
"""Start the bot on a fresh database, time how long until it is ready, then measure dev chat
turns (latency percentiles and throughput) and the process's memory. Standard library only."""
import json, os, shutil, subprocess, sys, tempfile, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = int(os.environ.get("BENCH_PORT", "5199"))
BASE = f"http://127.0.0.1:{PORT}"
TURNS = int(os.environ.get("BENCH_TURNS", "2000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "8"))


def post(path, body):
    req = urllib.request.Request(BASE + path, json.dumps(body).encode(), {"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def get(path):
    with urllib.request.urlopen(BASE + path, timeout=5) as r:
        return r.status, r.read()


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(ROOT, "src/Bot")], check=True, capture_output=True)
    data = tempfile.mkdtemp()
    dll = os.path.join(ROOT, "src/Bot/bin/Release/net10.0/ProductOps.Bot.dll")
    env = dict(os.environ, ConnectionStrings__ProductOps=f"Data Source={data}/bench.db", ASPNETCORE_ENVIRONMENT="Production")
    started = time.monotonic()
    bot = subprocess.Popen(["dotnet", dll, "--urls", BASE], cwd=data, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if get("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
            if time.monotonic() - started > 60:
                sys.exit("bot did not become healthy within 60 s")
        ready = time.monotonic() - started
        user = json.loads(get("/devchat/api/users")[1])[0]["id"]
        commands = ["/productops help", "/productops whoami", "productops areas", "/productops people"]
        for c in commands:  # warm-up
            post("/devchat/api/messages", {"user": user, "text": c})

        def turn(i):
            t = time.monotonic()
            post("/devchat/api/messages", {"user": user, "text": commands[i % len(commands)]})
            return time.monotonic() - t

        t0 = time.monotonic()
        with ThreadPoolExecutor(WORKERS) as pool:
            lat = sorted(pool.map(turn, range(TURNS)))
        wall = time.monotonic() - t0
        pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
        print(f"ready after {ready:.2f} s")
        print(f"{TURNS} turns, {WORKERS} concurrent: {TURNS / wall:.0f} turns/s, p50 {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms")
        print(f"RSS after load: {rss_mb(bot.pid):.0f} MB")
    finally:
        bot.terminate()
        bot.wait(10)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
