#!/usr/bin/env python3
"""Authenticated Microsoft Teams message activities over loopback with wrk: ProductOps and a bot on
the Bot Framework SDK for JavaScript (botbuilder), side by side. A fake Bot Framework
(bench/fake/, in Node) serves OpenID metadata, JWKS with endorsements, a token endpoint and a Bot
Connector stub that counts replies on 127.0.0.1; the script signs channel tokens with its own RSA
key and drives each bot with wrk. The bots run on one core, wrk and the fake on the other (taskset).
Reports requests/s, p50/p99 latency, the bot's RSS and the replies that reached the connector.
Needs: wrk (apt-get install -y wrk), node (the fake) and `npm install` in bench/teams/botbuilder."""
import base64, hashlib, json, os, random, re, statistics, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fake"))
from fake_platform import FakePlatform  # noqa: E402
from rounds import in_rounds  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DURATION = os.environ.get("BENCH_DURATION", "20s")
# Unmeasured load first, so .NET's tiered JIT and V8 have optimised the hot path before measuring.
WARMUP = os.environ.get("BENCH_WARMUP", "10s")
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "1,32").split(",")]
SERVER_CORE, LOAD_CORE = os.environ.get("BENCH_SERVER_CORE", "1"), os.environ.get("BENCH_LOAD_CORE", "0")
ONLY = os.environ.get("BENCH_ONLY", "")  # "ProductOps" or "botbuilder" to run one of them
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))  # each bot measured once a round, in a rotated order
# "typing" measures authentication and parsing alone: both bots acknowledge it and do nothing else.
ACTIVITY_TYPE = os.environ.get("BENCH_ACTIVITY_TYPE", "message")
# What the message asks. "help" answers with the longest card ProductOps has (about 23 KB);
# "whoami" with a short one, closer to botbuilder's one-line echo.
TEXT = os.environ.get("BENCH_TEXT", "help")
# Teams paces a bot at 7 messages a second per conversation (and 60 in 30 s) and 50 a second per
# tenant (service URL); the load is spread over this many service URLs and conversations so both
# bots stay under those limits, even for the 400,000 replies of a 20 s flood at 32 connections.
SERVICE_URLS = int(os.environ.get("BENCH_SERVICE_URLS", "256"))
CONVERSATIONS = int(os.environ.get("BENCH_CONVERSATIONS", "16384"))
assert CONVERSATIONS % SERVICE_URLS == 0, "each conversation must keep one service URL: BENCH_CONVERSATIONS a multiple of BENCH_SERVICE_URLS"
FAKE_PORT = 5499
FAKE = f"http://127.0.0.1:{FAKE_PORT}"
APP_ID = "6f1e3a52-9f0c-4c1e-8b7d-2a4f5e6d7c8b"
APP_PASSWORD = "bench-app-password"
ISSUER = "https://api.botframework.com"
KID = "bench-key"


# --- RSA (PKCS#1 v1.5, SHA-256) from the standard library -------------------------------------

def _probable_prime(bits):
    while True:
        n = random.SystemRandom().getrandbits(bits) | (1 << (bits - 1)) | 1
        if all(n % p for p in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)) and _miller_rabin(n):
            return n


def _miller_rabin(n, rounds=40):
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(random.SystemRandom().randrange(2, n - 2), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def rsa_key(bits=2048):
    e = 65537
    while True:
        p, q = _probable_prime(bits // 2), _probable_prime(bits // 2)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e and (p * q).bit_length() == bits:
            return p * q, e, pow(e, -1, phi)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_bytes(n):
    return n.to_bytes((n.bit_length() + 7) // 8, "big")


def sign_rs256(key, message):
    n, _, d = key
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420") + hashlib.sha256(message).digest()
    size = (n.bit_length() + 7) // 8
    padded = b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info
    return pow(int.from_bytes(padded, "big"), d, n).to_bytes(size, "big")


def channel_token(key, service_url):
    """A Bot Framework channel token: issued by the Bot Framework for the bot's app id and this service URL."""
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": KID, "x5t": KID}
    claims = {"iss": ISSUER, "aud": APP_ID, "serviceurl": service_url, "nbf": now - 60, "iat": now - 60, "exp": now + 3600}
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}".encode()
    return signing_input.decode() + "." + b64url(sign_rs256(key, signing_input))


# --- The fake Bot Framework -------------------------------------------------------------------

def fake_routes(key):
    """OpenID metadata and keys (endorsed for msteams), the member API, the token endpoint and the Bot Connector."""
    n, e, _ = key
    metadata = {
        "issuer": ISSUER, "authorization_endpoint": "https://invalid.botframework.com",
        "jwks_uri": f"{FAKE}/v1/.well-known/keys", "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"]}
    jwks = {"keys": [{"kty": "RSA", "use": "sig", "kid": KID, "x5t": KID, "n": b64url(int_bytes(n)), "e": b64url(int_bytes(e)),
                      "endorsements": ["msteams"]}]}
    return [
        {"method": "GET", "contains": "/v1/.well-known/openidconfiguration", "body": metadata},
        {"method": "GET", "contains": "/v1/.well-known/keys", "body": jwks},
        {"method": "GET", "contains": "/", "body": {"id": "29:bench-user", "name": "Bench", "email": "bench@example.com", "userPrincipalName": "bench@example.com"}},
        {"method": "POST", "contains": "/oauth2/", "count": "tokens",
         "body": {"token_type": "Bearer", "expires_in": 3600, "ext_expires_in": 3600, "access_token": "bench-connector-token"}},
        {"method": "POST", "contains": "/v3/conversations/", "count": "replies", "body": {"id": "1759944781999"}},
        {"method": "POST", "contains": "/", "body": {"id": "1759944781999"}},
    ]


def activity_template():
    """The fixture's channel mention asking BENCH_TEXT, with __ID__, __SERVICE__, __USER__, __AAD__,
    __CONVERSATION__, __CHANNEL__ and __TEAM__ for activity.lua to fill in."""
    with open(os.path.join(ROOT, "tests/Bot.Tests/Teams/Fixtures/message_channel_mention.json")) as f:
        activity = json.load(f)
    bot = activity["recipient"]
    activity.update(type=ACTIVITY_TYPE, id="__ID__", serviceUrl="__SERVICE__", text=f"<at>{bot['name']}</at> {TEXT}", attachments=[])
    activity["from"].update(id="__USER__", aadObjectId="__AAD__")
    activity["conversation"]["id"] = "__CONVERSATION__"
    activity["entities"][0]["text"] = f"<at>{bot['name']}</at>"
    # Each channel belongs to one team and is served from one service URL, as in Teams.
    data = activity["channelData"]
    data["teamsChannelId"] = data["channel"]["id"] = "__CHANNEL__"
    data["teamsTeamId"] = data["team"]["id"] = "__TEAM__"
    text = json.dumps(activity, separators=(",", ":"))
    for marker in ("__ID__", "__SERVICE__", "__USER__", "__AAD__", "__CONVERSATION__", "__CHANNEL__", "__TEAM__"):
        assert marker in text, marker
    return text


# --- Measuring --------------------------------------------------------------------------------

def rss_mb(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def cpu_seconds(pid):
    """User plus system CPU time the process has used: the work per reply, whatever else shares the machine."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_ready(url, proc):
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"server for {url} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=b"{}", method="POST"), timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 for an unsigned probe): ready
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} never came up")


def ms(text):
    value, unit = float(re.match(r"([\d.]+)", text).group(1)), re.sub(r"[\d.]", "", text)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(url, connections, env, duration=DURATION):
    out = subprocess.run(["taskset", "-c", LOAD_CORE, "wrk", "-t1", f"-c{connections}", f"-d{duration}", "--latency",
                          "-s", os.path.join(HERE, "activity.lua"), url], env=env, capture_output=True, text=True, check=True).stdout
    # Anchored: the "+/- Stdev" column also ends in "%".
    if not re.search(r"^\s*50%\s+[\d.]+", out, re.M):
        raise SystemExit("wrk finished without latencies:\n" + out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)),
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
        "errors": m.group(1) if (m := re.search(r"Socket errors: (.*)", out)) else "",
    }


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def servers(data):
    dll = os.path.join(ROOT, "src/Bot/bin/Release/net10.0/ProductOps.Bot.dll")
    common = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", DOTNET_gcServer="0", TEAMS_APP_ID=APP_ID, TEAMS_APP_PASSWORD=APP_PASSWORD)
    bot_env = dict(common, Teams__OpenIdMetadataUrl=f"{FAKE}/v1/.well-known/openidconfiguration",
                   Teams__TokenEndpoint=f"{FAKE}/{{tenant}}/oauth2/v2.0/token",
                   ConnectionStrings__ProductOps=f"Data Source={data}/bench.db", ProductOps__DemoData="false",
                   Logging__LogLevel__Default="Warning")
    node_env = dict(common, PORT="5402", MicrosoftAppId=APP_ID, MicrosoftAppPassword=APP_PASSWORD, MicrosoftAppType="MultiTenant",
                    BENCH_OPENID_METADATA=f"{FAKE}/v1/.well-known/openidconfiguration",
                    BENCH_TOKEN_ENDPOINT=f"{FAKE}/botframework.com/oauth2/v2.0/token", NODE_ENV="production")
    return [
        ("ProductOps", ["dotnet", dll, "--urls", "http://127.0.0.1:5400"], bot_env, "http://127.0.0.1:5400/api/messages"),
        ("botbuilder", ["node", os.path.join(HERE, "botbuilder/bot.js")], node_env, "http://127.0.0.1:5402/api/messages"),
    ]


def measure(name, proc, url, connections, wrk_env, fake):
    fake.reset()
    load, cpu = load_average(), cpu_seconds(proc.pid)
    r = run_wrk(url, connections, wrk_env)
    r["replies_during"] = fake.count("replies")
    r["replies"], r["drain_s"] = fake.wait_for("replies", r["requests"] - r["non_2xx"] if ACTIVITY_TYPE == "message" else 0)
    r["reply_bytes"] = fake.count("replies_bytes") / max(r["replies"], 1)  # what a reply carried, on average
    r["cpu_ms_per_request"] = (cpu_seconds(proc.pid) - cpu) * 1000 / max(r["requests"], 1)
    r["rss_mb"], r["peak_rss_mb"] = rss_mb(proc.pid)
    r.update(server=name, connections=connections, load_before=load, load_after=load_average(),
             replies_per_s=r["replies_during"] / ms(DURATION) * 1000,
             # Whole activities: every reply delivered, over the run and the time the replies took to drain.
             answered_per_s=r["replies"] / (ms(DURATION) / 1000 + r["drain_s"]))
    return r


def print_medians(results):
    """Medians over the rounds, and ProductOps' multiple of botbuilder taken within each round (acknowledged,
    and whole activities with their replies), so a slow spell on the machine moves both sides together."""
    print()
    print("| server | connections | rounds | median requests/s | median answered /s, run + drain | median p99 ms | worst p99 ms | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for c in CONNECTIONS:
        for server in ("ProductOps", "botbuilder"):
            rows = [r for r in results if r["server"] == server and r["connections"] == c]
            if rows:
                print(f"| {server} | {c} | {len(rows)} | {statistics.median(r['rps'] for r in rows):,.0f} "
                      f"| {statistics.median(r['answered_per_s'] for r in rows):,.0f} | {statistics.median(r['p99_ms'] for r in rows):.2f} "
                      f"| {max(r['p99_ms'] for r in rows):.2f} | {max(r['peak_rss_mb'] for r in rows):.0f} |")
    for c in CONNECTIONS:
        for key, label in (("rps", "acknowledged"), ("answered_per_s", "whole activities")):
            ratios = []
            for n in sorted({r["round"] for r in results}):
                ours = [r[key] for r in results if r["round"] == n and r["connections"] == c and r["server"] == "ProductOps"]
                theirs = [r[key] for r in results if r["round"] == n and r["connections"] == c and r["server"] == "botbuilder"]
                if ours and theirs and theirs[0]:
                    ratios.append(ours[0] / theirs[0])
            if ratios:
                print(f"- {c} connections, ProductOps × botbuilder, {label}, by round: "
                      + ", ".join(f"{x:.1f}" for x in ratios) + f"; median {statistics.median(ratios):.1f}×")


def main():
    if not os.environ.get("BENCH_NO_BUILD"):
        subprocess.run(["dotnet", "build", "-c", "Release", os.path.join(ROOT, "src/Bot")], check=True, capture_output=True)
    os.sched_setaffinity(0, {int(LOAD_CORE)})  # the fakes share wrk's core, away from the bots
    key = rsa_key()
    fake = FakePlatform(FAKE_PORT, fake_routes(key), LOAD_CORE)
    results, running = [], []
    with tempfile.TemporaryDirectory() as data:
        tokens = os.path.join(data, "tokens.txt")
        with open(tokens, "w") as f:
            for i in range(SERVICE_URLS):
                url = f"{FAKE}/amer/bench-{i}/"
                f.write(f"{url} {channel_token(key, url)}\n")
        wrk_env = dict(os.environ, BENCH_TEMPLATE=activity_template(), BENCH_TOKENS=tokens, BENCH_CONVERSATIONS=str(CONVERSATIONS))
        try:
            # Both bots stay up for every round and are measured in turn, the order rotated each round,
            # so neither is measured only in a slow or a fast spell of the machine.
            for name, cmd, env, url in servers(data):
                if ONLY and name != ONLY:
                    continue
                proc = subprocess.Popen(["taskset", "-c", SERVER_CORE] + cmd, cwd=data, env=env, stdout=subprocess.DEVNULL,
                                        stderr=None if os.environ.get("BENCH_VERBOSE") else subprocess.DEVNULL)
                running.append((name, proc, url))
                wait_ready(url, proc)
                if WARMUP not in ("", "0", "0s"):
                    fake.reset()
                    warm = run_wrk(url, 32, wrk_env, WARMUP)
                    fake.wait_for("replies", warm["requests"] if ACTIVITY_TYPE == "message" else 0)
                    print(f"{name}: warmed up with {warm['requests']:,} requests", flush=True)
            for n, (name, proc, url) in in_rounds(running, ROUNDS):
                for c in CONNECTIONS:
                    r = measure(name, proc, url, c, wrk_env, fake)
                    r["round"] = n
                    results.append(r)
                    print(json.dumps(r), flush=True)
                    time.sleep(2)  # the bot's own after-flood work (checkpoints) out of the next run
        finally:
            for _, proc, _ in running:
                proc.terminate()
                proc.wait(10)
    print(f"\nconnector tokens fetched since the last reset: {fake.count('tokens')}\n")
    fake.stop()
    print("| round | server | connections | requests/s | p50 ms | p99 ms | non-2xx | RSS MB (peak) | replies during run /s | replies delivered / requests | drained after (s) | answered /s, run + drain | CPU ms per request | load average before → after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['round']} | {r['server']} | {r['connections']} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['non_2xx']} "
              f"| {r['rss_mb']:.0f} ({r['peak_rss_mb']:.0f}) | {r['replies_per_s']:,.0f} | {r['replies']:,} / {r['requests']:,} "
              f"| {r['drain_s']:.1f} | {r['answered_per_s']:,.0f} | {r['cpu_ms_per_request']:.2f} | {r['load_before']} → {r['load_after']} |")
    print_medians(results)


if __name__ == "__main__":
    sys.exit(main())
