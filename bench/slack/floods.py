#!/usr/bin/env python3
"""Repeated Slack floods against ProductOps alone, for finding slow tails: an 8 s warm-up, then
BENCH_FLOODS floods of 20 s at 32 connections, each followed by its drain. Every 100 ms it samples the
bot's CPU, the host's steal time and the write-ahead log's size, and after each flood prints the
requests/s, p99, CPU per acknowledgement, the bot's RSS after the flood and after its drain, and the moments the bot used under 70% of its core.
BENCH_SCHED=1 also records every thread switch of each flood with its kernel stack
(`perf record -e sched:sched_switch -g`, to /tmp/floodN.data): where the bot waited and on what.
Uses ack_bench.py's servers, signing and fake Slack, and the Release build as it is
(`dotnet build -c Release src/Bot` first)."""
import glob, os, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fake"))
import ack_bench as bench  # noqa: E402
from fake_platform import FakePlatform  # noqa: E402

FLOODS = int(os.environ.get("BENCH_FLOODS", "4"))
SCHED = os.environ.get("BENCH_SCHED", "") == "1"
SAMPLE_S = 0.1


def steal_ticks(core):
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith(f"cpu{core} "):
                return int(line.split()[8])
    return 0


def sample(pid, data, stop, samples):
    """(seconds into the flood, CPU seconds used, steal ticks, log MB) every SAMPLE_S."""
    start, cpu, steal = time.time(), bench.cpu_seconds(pid), steal_ticks(bench.SERVER_CORE)
    while not stop.wait(SAMPLE_S):
        now_cpu, now_steal = bench.cpu_seconds(pid), steal_ticks(bench.SERVER_CORE)
        log_mb = sum(os.path.getsize(p) for p in glob.glob(os.path.join(data, "*-wal"))) >> 20
        samples.append((round(time.time() - start, 1), now_cpu - cpu, now_steal - steal, log_mb))
        cpu, steal = now_cpu, now_steal


def main():
    os.sched_setaffinity(0, {int(bench.LOAD_CORE)})
    fake = FakePlatform(bench.FAKE_PORT, bench.FAKE_ROUTES, bench.LOAD_CORE)
    with tempfile.TemporaryDirectory() as data:
        name, cmd, env, url = bench.servers(data)[0]
        proc = subprocess.Popen(["taskset", "-c", bench.SERVER_CORE] + cmd, cwd=data, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            bench.wait_ready(url, proc)
            warm = bench.run_wrk(url, 32, "8s")
            fake.wait_for("replies", warm["requests"] - warm["with_body"])
            for n in range(FLOODS):
                fake.reset()
                stop, samples = threading.Event(), []
                sampler = threading.Thread(target=sample, args=(proc.pid, data, stop, samples))
                sched = subprocess.Popen(["taskset", "-c", bench.LOAD_CORE, "perf", "record", "-e", "sched:sched_switch", "-g", "-p", str(proc.pid),
                                          "-o", f"/tmp/flood{n}.data", "--", "sleep", str(int(bench.ms(bench.DURATION) / 1000))],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if SCHED else None
                cpu = bench.cpu_seconds(proc.pid)
                sampler.start()
                r = bench.run_wrk(url, 32)
                stop.set()
                sampler.join()
                if sched:
                    sched.wait()
                idle = [s for s in samples if s[1] < 0.7 * SAMPLE_S]
                print(f"flood {n}: {r['rps']:,.0f}/s, p99 {r['p99_ms']:.2f} ms, {(bench.cpu_seconds(proc.pid) - cpu) * 1e6 / r['requests']:.1f} µs CPU an acknowledgement, "
                      f"steal {sum(s[2] for s in samples)} ticks, log {samples[-1][3] if samples else 0} MB at the end, RSS {bench.rss_mb(proc.pid)[0]:.0f} MB; "
                      f"under 70% CPU at (s, CPU s, steal, log MB): {idle[:20]}", flush=True)
                replies, drain = fake.wait_for("replies", r["requests"] - r["with_body"])
                time.sleep(2)
                print(f"  drained {replies:,} replies in {drain:.1f} s; RSS {bench.rss_mb(proc.pid)[0]:.0f} MB after", flush=True)
        finally:
            proc.terminate()
            proc.wait(10)
    fake.stop()


if __name__ == "__main__":
    sys.exit(main())
