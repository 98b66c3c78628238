#!/usr/bin/env python3
"""Turns the JSON lines of a benchmark run (bench/run.sh) into the markdown report. Standard library only.

Usage: report.py RESULTS.jsonl > report.md
Throughput ratios are medians of same-round ratios: each round's figure for a target divided by the same round's
figure for the reference, so drift of the machine between rounds cancels out.
"""
import json
import statistics
import sys
from collections import defaultdict

TARGET_ORDER = ["direct", "bare-yarp", "nginx", "gateway-memory", "gateway-metrics", "gateway-sliding-off", "gateway-assertion", "gateway-redis"]
TARGET_LABELS = {
    "direct": "direct (backend, no proxy)",
    "bare-yarp": "bare YARP",
    "nginx": "nginx",
    "gateway-memory": "gateway, in-memory revocation",
    "gateway-metrics": "gateway, in-memory, metrics on and scraped",
    "gateway-sliding-off": "gateway, in-memory, sliding refresh off",
    "gateway-redis": "gateway, Redis revocation",
    "gateway-assertion": "gateway, in-memory revocation, signed assertions",
}


def load(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip()]


def rate(run):
    return run["wrk"]["requests"] / run["wrk"]["duration_us"] * 1e6


def failures(run):
    return sum(run["wrk"]["errors"].values())


def cpu_us_per_request(run):
    requests = run["wrk"]["requests"]
    return run["cpu_ticks"] / run["clk_tck"] * 1e6 / requests if requests else float("nan")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def same_round_ratio(runs_by_round, reference, target, value=rate):
    ratios = []
    for runs in runs_by_round.values():
        if target in runs and reference in runs and value(runs[reference]):
            ratios.append(value(runs[target]) / value(runs[reference]))
    return median(ratios)


def same_round_difference(runs_by_round, reference, target, value):
    diffs = [value(r[target]) - value(r[reference]) for r in runs_by_round.values() if target in r and reference in r]
    return median(diffs)


def fmt(value, pattern="{:.0f}", missing="–"):
    return missing if value is None else pattern.format(value)


def machine_section(meta, settings, end):
    load_end = " ".join(end.get("loadavg_end", [])) if end else "?"
    return [
        f"# Gateway benchmark, {meta['date_utc']}, {meta['host']}",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| CPU | {meta['cpu_model']} ({meta['nproc']} cores online, `nproc`) |",
        f"| memory | {meta['memory_gib']} GiB |",
        f"| kernel | {meta['kernel']} |",
        f"| .NET SDK | {meta['dotnet']} |",
        f"| tools | {meta['wrk'].split(' Copyright')[0]}; {meta['nginx']}; {meta['redis'].split(' sha=')[0]} |",
        f"| commit | {meta['commit']}{' (with uncommitted changes)' if meta['dirty'] else ''} |",
        f"| load average | {' '.join(meta['loadavg_start'])} at the start, {load_end} at the end |",
        "",
        f"Settings: {settings['rounds']} interleaved rounds of {settings['duration']} per target and connection count "
        f"after a {settings['warmup']} warm-up per target; wrk with up to {settings['wrk_threads']} threads, "
        f"GET `{settings['path']}` with the token cookie (a protected route on the gateways); "
        f"password hashing iterations: {settings['password_iterations']}.",
    ]


def proxy_section(runs, conns):
    by_round = defaultdict(dict)
    by_target = defaultdict(list)
    for run in runs:
        if run["phase"] == "proxy" and run["conns"] == conns:
            by_round[run["round"]][run["target"]] = run
            by_target[run["target"]].append(run)
    if not by_target:
        return []

    one_conn = conns == 1
    header = "| target | req/s | (min–max) | p50 µs | p99 µs | CPU µs/req | bytes/req | peak RSS MB | vs bare YARP | vs direct |"
    rule = "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if one_conn:
        header += " p50 − bare YARP µs |"
        rule += " ---: |"
    header += " errors |"
    rule += " ---: |"
    lines = ["", f"## Proxied GETs, {conns} connection{'s' if conns != 1 else ''}", "", header, rule]

    for target in [t for t in TARGET_ORDER if t in by_target] + [t for t in by_target if t not in TARGET_ORDER]:
        target_runs = by_target[target]
        rates = [rate(r) for r in target_runs]
        row = [
            TARGET_LABELS.get(target, target),
            fmt(median(rates)),
            f"{min(rates):.0f}–{max(rates):.0f}",
            fmt(median(r["wrk"]["p50_us"] for r in target_runs)),
            fmt(median(r["wrk"]["p99_us"] for r in target_runs)),
            fmt(median(cpu_us_per_request(r) for r in target_runs), "{:.1f}"),
            fmt(median(alloc_per_request(r) for r in target_runs)),
            fmt(max(r["peak_rss_kb"] for r in target_runs) / 1024, "{:.0f}"),
            fmt(same_round_ratio(by_round, "bare-yarp", target), "{:.2f}x"),
            fmt(same_round_ratio(by_round, "direct", target), "{:.2f}x"),
        ]
        if one_conn:
            row.append(fmt(same_round_difference(by_round, "bare-yarp", target, lambda r: r["wrk"]["p50_us"]), "{:+.0f}"))
        row.append(str(sum(failures(r) for r in target_runs)))
        lines.append("| " + " | ".join(row) + " |")

    # One setting changed against gateway-memory: the same-round ratio is that setting's cost (1.000x = none).
    variants = [t for t in ("gateway-metrics", "gateway-sliding-off") if t in by_target and "gateway-memory" in by_target]
    if variants:
        lines += ["", "Against the gateway in memory, same rounds: " + "; ".join(
            f"{TARGET_LABELS[t]} {fmt(same_round_ratio(by_round, 'gateway-memory', t), '{:.3f}x')}" for t in variants) + "."]
    return lines


LEDGER_STEPS = [
    ("gateway-memory", "the shipped gateway (in-memory revocation, valid cookie)"),
    ("ledger-log", "request logging off"),
    ("ledger-metrics", "metrics off (the proxy's decision counter)"),
    ("ledger-sliding", "sliding refresh off (`Gateway:Session:Sliding=false`)"),
    ("ledger-revocation", "revocation off (authentication still on)"),
    ("ledger-checks", "host check, path check, assets and rate limiter removed"),
    ("ledger-auth", "authentication and authorization off: identity transform only"),
    ("ledger-identity", "identity transform off"),
    ("ledger-extras", "YARP's default pipeline: no error pages, socket tracking, caching headers, exception handler"),
]


def alloc_per_request(run):
    requests = run["wrk"]["requests"]
    return run["alloc_bytes"] / requests if run.get("alloc_bytes") is not None and requests else None


def ledger_section(runs):
    """Each step switches off one more stage than the one above it; the deltas are what that stage cost."""
    by_round = defaultdict(dict)
    for run in runs:
        if run["phase"] == "ledger":
            by_round[run["round"]][run["target"]] = run
    if not by_round:
        return []
    targets = {t for r in by_round.values() for t in r}

    def med(target, value):
        return median(value(r[target]) for r in by_round.values() if target in r)

    lines = ["", f"## Cost ledger (32 connections, {len(by_round)} rounds, cumulative: each row also has every stage above it off)", "",
             "| step | req/s | vs bare YARP | Δ ratio | CPU µs/req | Δ CPU µs | bytes/req | Δ bytes | p50 µs | errors |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    previous = None
    for target, label in LEDGER_STEPS + [("bare-yarp", "bare YARP (reference)")]:
        if target not in targets:
            continue
        ratio = same_round_ratio(by_round, "bare-yarp", target)
        cpu = med(target, cpu_us_per_request)
        alloc = med(target, alloc_per_request)
        row = [label, fmt(med(target, rate)), fmt(ratio, "{:.2f}x")]
        if previous and target != "bare-yarp":
            row += [fmt(None if ratio is None or previous[0] is None else ratio - previous[0], "{:+.2f}"),
                    fmt(cpu, "{:.1f}"), fmt(None if cpu is None or previous[1] is None else cpu - previous[1], "{:+.1f}"),
                    fmt(alloc), fmt(None if alloc is None or previous[2] is None else alloc - previous[2], "{:+.0f}")]
        else:
            row += ["", fmt(cpu, "{:.1f}"), "", fmt(alloc), ""]
        row += [fmt(med(target, lambda r: r["wrk"]["p50_us"])), str(sum(failures(r[target]) for r in by_round.values() if target in r))]
        lines.append("| " + " | ".join(row) + " |")
        previous = (ratio, cpu, alloc)
    lines += ["", "Δ is against the row above (for req/s, in points of the ratio to bare YARP); the last gateway row "
              "against bare YARP is what the gateway's host (its services, Serilog, options) costs with every stage off. "
              "bytes/req is `GC.GetTotalAllocatedBytes` over the run divided by requests (all threads, the log writer's "
              "included)."]
    return lines


def users_section(runs, settings):
    single = {r["round"]: r for r in runs if r["phase"] == "users-single"}
    many = {r["round"]: r for r in runs if r["phase"] == "users-many"}
    rounds = sorted(set(single) & set(many))
    if not rounds:
        return []
    ratio = median(rate(many[n]) / rate(single[n]) for n in rounds)
    rss = max(r["peak_rss_kb"] for r in many.values()) / 1024
    return [
        "", f"## {settings.get('users', 'many')} distinct signed-in users (gateway in-memory, 32 connections, {len(rounds)} rounds)", "",
        "| tokens | req/s | p50 µs | p99 µs | CPU µs/req | bytes/req | errors |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ] + [
        f"| {label} | {fmt(median(rate(r) for r in group.values()))} | "
        f"{fmt(median(r['wrk']['p50_us'] for r in group.values()))} | {fmt(median(r['wrk']['p99_us'] for r in group.values()))} | "
        f"{fmt(median(cpu_us_per_request(r) for r in group.values()), '{:.1f}')} | "
        f"{fmt(median(alloc_per_request(r) for r in group.values()))} | {sum(failures(r) for r in group.values())} |"
        for label, group in (("one token", single), ("distinct tokens, round robin", many))
    ] + ["", f"Distinct tokens against one, same round: {fmt(ratio, '{:.2f}x')} (median). Peak RSS by the end: {rss:.0f} MB."]


def soak_section(runs):
    soak = next((r for r in runs if r["phase"] == "soak"), None)
    rss = next((r for r in runs if r["phase"] == "soak-rss"), None)
    if soak is None or rss is None:
        return []
    samples = rss["samples"]
    seconds = soak["wrk"]["duration_us"] / 1e6
    # Warm-up: the first quarter of the run (pools, JIT, the GC settling on its budget); growth is what comes after.
    warm = [kb for t, kb in samples if t >= seconds / 4] or [kb for _, kb in samples]
    after_warmup, last, top = warm[0] / 1024, warm[-1] / 1024, max(kb for _, kb in samples) / 1024
    trace = ", ".join(f"{t:.0f}s {kb / 1024:.0f}" for t, kb in samples[:: max(1, len(samples) // 12)])
    return [
        "", f"## Soak: {seconds:.0f} s at a fixed {rss['target_rate']} req/s ({rss['target_rate'] / rss['peak_rate']:.0%} of the "
            f"gateway's peak {rss['peak_rate']} req/s), 32 connections, gateway in-memory", "",
        "| achieved req/s | p50 µs | p99 µs | errors | RSS after warm-up MB | RSS at the end MB | growth MB | highest RSS MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {rate(soak):.0f} | {soak['wrk']['p50_us']} | {soak['wrk']['p99_us']} | {failures(soak)} | {after_warmup:.0f} | "
        f"{last:.0f} | {last - after_warmup:+.0f} | {top:.0f} |",
        "", f"RSS over time (s, MB): {trace}.",
    ]


def outage_section(runs):
    """bench/lib/outage.sh: each proxy afresh in front of a backend that refuses connections, then one that hangs."""
    rss_runs = [r for r in runs if r["phase"] == "outage-rss"]
    if not rss_runs:
        return []
    loads = {r["target"]: r for r in runs if r["phase"] == "outage"}
    described = {"refused": "refuses connections", "hanging": "accepts connections and never answers"}
    lines = ["", f"## Backend outage: RSS and throughput ({rss_runs[0]['load_s']} s of load, activity timeout "
                 f"{rss_runs[0]['activity_timeout']}, then idle)", "",
             "| backend | proxy | connections | answer | req/s | p99 ms | other errors | RSS before MB | at 10 s | "
             "at the end of the load | highest | idle after MB |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    traces = []
    for r in rss_runs:
        load = loads.get(r["target"])
        samples, end = r["samples"], r["load_s"]
        if load is None or not samples:
            continue

        def at(seconds):
            return next((kb for t, kb in samples if t >= seconds), samples[-1][1]) / 1024

        during = [kb for t, kb in samples if t <= end] or [samples[-1][1]]
        other = failures(load) - load["wrk"]["errors"]["status"]
        lines.append(f"| {described[r['kind']]} | {r['proxy']} | {load['conns']} | {r['status']} | {rate(load):.0f} | "
                     f"{load['wrk']['p99_us'] / 1000:.0f} | {other} | {samples[0][1] / 1024:.0f} | {at(10):.0f} | "
                     f"{during[-1] / 1024:.0f} | {max(kb for _, kb in samples) / 1024:.0f} | {samples[-1][1] / 1024:.0f} |")
        step = max(1, len(samples) // 12)
        traces.append(f"{r['kind']}, {r['proxy']}: " + ", ".join(f"{t:.0f}s {kb / 1024:.0f}" for t, kb in samples[::step]))
    return lines + ["", "RSS over time (s, MB):", ""] + [f"- {trace}" for trace in traces]


def rounds_section(runs):
    """Every round's req/s, so a reader can see how much the machine drifted between rounds."""
    proxy = [r for r in runs if r["phase"] == "proxy"]
    rounds = sorted({r["round"] for r in proxy})
    if len(rounds) < 2:
        return []
    table = defaultdict(dict)
    for run in proxy:
        table[(run["conns"], run["target"])][run["round"]] = rate(run)
    lines = ["", "## req/s in each round", "",
             "| connections | target | " + " | ".join(f"round {n}" for n in rounds) + " |",
             "| ---: | --- |" + " ---: |" * len(rounds)]
    order = {t: i for i, t in enumerate(TARGET_ORDER)}
    for conns, target in sorted(table, key=lambda k: (-k[0], order.get(k[1], len(order)), k[1])):
        cells = [fmt(table[(conns, target)].get(n)) for n in rounds]
        lines.append(f"| {conns} | {TARGET_LABELS.get(target, target)} | " + " | ".join(cells) + " |")
    return lines


def login_section(runs):
    logins = [r for r in runs if r["phase"] == "login"]
    if not logins:
        return []
    lines = ["", "## Logins (JSON POST /auth/login, gateway in-memory)", "",
             "| clients | logins/s | p50 ms | p99 ms | failed |", "| ---: | ---: | ---: | ---: | ---: |"]
    for run in sorted(logins, key=lambda r: r["conns"]):
        lines.append(f"| {run['conns']} | {rate(run):.1f} | {run['wrk']['p50_us'] / 1000:.1f} | "
                     f"{run['wrk']['p99_us'] / 1000:.1f} | {failures(run)} |")
    return lines


def hash_cost_section(runs):
    """One password hash of each scheme, timed in the same run by bench/HashCost (bench/lib/hashing.sh)."""
    cost = next((r for r in runs if r["phase"] == "hash-cost"), None)
    if cost is None:
        return []
    reference = cost["results"][0]["cpu_ms"]
    lines = ["", f"## One password hash of each scheme (one thread, median of {cost['rounds']} rounds of {cost['count']})", "",
             "| scheme | parameters | CPU ms | (min–max) | wall ms | hashes/s per core | CPU vs PBKDF2 |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for result in cost["results"]:
        lines.append(f"| {result['scheme']} | `{result['parameters']}` | {result['cpu_ms']:.1f} | "
                     f"{result['cpu_ms_min']:.1f}–{result['cpu_ms_max']:.1f} | {result['wall_ms']:.1f} | "
                     f"{1000 / result['cpu_ms']:.0f} | {result['cpu_ms'] / reference:.2f}x |")
    lines += ["", f"The logins above hash with the gateway's configured scheme ({cost['gateway_scheme']}, "
                  "Argon2id at m=19456,t=2,p=1 by default). CPU ms is the process's user + system time per hash; "
                  "wall ms counts time waiting for a core on a busy machine too."]
    return lines


def flood_section(runs, settings):
    def by_round(phase):
        return {r["round"]: r for r in runs if r["phase"] == phase}

    baseline, flooded, logins = by_round("flood-baseline"), by_round("flood"), by_round("flood-logins")
    rounds = sorted(set(baseline) & set(flooded))
    if not rounds:
        return []
    ratio = median(rate(flooded[n]) / rate(baseline[n]) for n in rounds)
    failed = sum(failures(r) for r in logins.values())
    non_2xx = sum(r["wrk"]["errors"]["status"] for r in logins.values())
    return [
        "", f"## Proxied throughput under a login flood ({settings['flood_conns']} clients posting logins, "
            f"32 proxied connections, gateway in-memory)", "",
        "| proxied req/s alone | during the flood | ratio (median of same-round) | logins/s during the flood | "
        "login p99 ms | failed logins | proxied errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {fmt(median(rate(baseline[n]) for n in rounds))} | {fmt(median(rate(flooded[n]) for n in rounds))} | "
        f"{fmt(ratio, '{:.2f}x')} | {fmt(median(rate(r) for r in logins.values()), '{:.1f}')} | "
        f"{fmt(median(r['wrk']['p99_us'] / 1000 for r in logins.values()), '{:.0f}')} | "
        f"{failed} ({non_2xx} non-2xx) | {sum(failures(flooded[n]) for n in rounds)} |",
    ]


def propagation_section(runs):
    result = next((r for r in runs if r["phase"] == "logout-propagation"), None)
    if result is None:
        return []
    if result["status"] != "ok":
        text = (f"n/a (Redis revocation not available: instance B still accepted the token "
                f"{result['timeout_s']:.0f} s after the logout on A)")
    else:
        text = (f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms over {result['trials']} trials "
                f"(from A's 204 to B's first 401)")
    return ["", "## Logout on instance A enforced by instance B (shared Redis)", "", text]


def notes_section(runs, meta):
    notes = [r["text"] for r in runs if r["phase"] == "note"]
    load = float(meta["loadavg_start"][0])
    if load > meta["nproc"] / 2:
        notes.append(f"The machine was busy when the run started (1-minute load average {load:.2f} on {meta['nproc']} "
                     "cores): other work shared the cores, so these figures are noisy.")
    failed = sorted({r["target"] for r in runs if r["phase"] in ("proxy", "warmup") and failures(r)})
    if failed:
        notes.append("Requests failed (non-2xx, socket errors or timeouts) on: " + ", ".join(failed)
                     + ". Their throughput may not be that of the proxied route.")
    notes.append("CPU µs/req is user+system time of the proxy process (of the backend for direct; nginx: master and "
                 "workers) over the run, divided by requests. Peak RSS is VmHWM, the highest over the whole run.")
    return ["", "## Notes", ""] + [f"- {note}" for note in notes]


def main():
    runs = load(sys.argv[1])
    meta = next(r for r in runs if r["phase"] == "meta")
    settings = next(r for r in runs if r["phase"] == "settings")
    end = next((r for r in runs if r["phase"] == "end"), None)
    lines = machine_section(meta, settings, end)
    for conns in sorted({r["conns"] for r in runs if r["phase"] == "proxy"}, reverse=True):
        lines += proxy_section(runs, conns)
    lines += ledger_section(runs)
    lines += users_section(runs, settings)
    lines += soak_section(runs)
    lines += outage_section(runs)
    lines += login_section(runs)
    lines += hash_cost_section(runs)
    lines += flood_section(runs, settings)
    lines += propagation_section(runs)
    lines += rounds_section(runs)
    lines += notes_section(runs, meta)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
