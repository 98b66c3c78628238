#!/usr/bin/env python3
"""Times how long a logout on gateway A takes to be enforced by gateway B (revocations shared through Redis).

Each trial logs in on A, checks that B accepts the token, logs out on A (Bearer), then asks B again and again
until it answers 401. The time counted runs from A's 204 to B's first 401. Prints one JSON line.
If the first trial's token is still accepted by B after --timeout seconds, B does not share A's revocations:
the result is "unavailable" and no further trial is made.
"""
import argparse
import http.client
import json
import sys
import time
from urllib.parse import urlsplit


def connect(url):
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read()


def login(conn, username, password):
    body = json.dumps({"username": username, "password": password})
    status, payload = request(conn, "POST", "/auth/login", body, {"Content-Type": "application/json"})
    if status != 200:
        raise SystemExit(f"login on A answered {status}")
    return json.loads(payload)["token"]


def trial(a, b, args):
    token = login(a, args.username, args.password)
    cookie = {"Cookie": f"{args.cookie}={token}"}
    status, _ = request(b, "GET", args.path, headers=cookie)
    if status != 200:
        raise SystemExit(f"B answered {status} to a fresh token, expected 200")

    status, _ = request(a, "POST", "/auth/logout", headers={"Authorization": f"Bearer {token}"})
    if status != 204:
        raise SystemExit(f"logout on A answered {status}, expected 204")
    logged_out = time.perf_counter()

    deadline = logged_out + args.timeout
    while time.perf_counter() < deadline:
        status, _ = request(b, "GET", args.path, headers=cookie)
        if status == 401:
            return time.perf_counter() - logged_out
        if status != 200:
            raise SystemExit(f"B answered {status} while polling, expected 200 or 401")
        time.sleep(args.interval)
    return None


def percentile(values, p):
    """Nearest-rank percentile: with 20 trials, p99 is the slowest."""
    ordered = sorted(values)
    rank = max(1, -(-p * len(ordered) // 100))
    return ordered[int(rank) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--a", required=True, help="gateway A base URL (login and logout)")
    parser.add_argument("--b", required=True, help="gateway B base URL (polled)")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--path", default="/bench/ping", help="a protected path")
    parser.add_argument("--cookie", default="gateway_token")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=3.0, help="seconds B may keep accepting a logged-out token")
    parser.add_argument("--interval", type=float, default=0.001, help="seconds between polls of B")
    args = parser.parse_args()

    a, b = connect(args.a), connect(args.b)
    delays = []
    for _ in range(args.trials):
        delay = trial(a, b, args)
        if delay is None:
            print(json.dumps({"phase": "logout-propagation", "status": "unavailable", "timeout_s": args.timeout}))
            return
        delays.append(delay * 1000)

    print(json.dumps({
        "phase": "logout-propagation", "status": "ok", "trials": len(delays),
        "p50_ms": percentile(delays, 50), "p99_ms": percentile(delays, 99), "max_ms": max(delays),
    }))


if __name__ == "__main__":
    sys.exit(main())
