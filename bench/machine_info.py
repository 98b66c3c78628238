#!/usr/bin/env python3
"""Prints, as one JSON line, what the report says about the machine and the software measured."""
import json
import os
import platform
import socket
import subprocess
import sys
import time


def first_line(*command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else "not found"


def has_changes(repo):
    try:
        out = subprocess.run(["git", "-C", repo, "status", "--porcelain"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(out.stdout.strip())


def cpu_model():
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gib():
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def main():
    repo = sys.argv[1] if len(sys.argv) > 1 else "."
    print(json.dumps({
        "phase": "meta",
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "host": socket.gethostname(),
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model(),
        "memory_gib": memory_gib(),
        "kernel": platform.release(),
        "dotnet": first_line("dotnet", "--version"),
        "wrk": first_line("wrk", "--version"),
        "nginx": first_line(os.environ.get("NGINX", "nginx"), "-v"),
        "redis": first_line("redis-server", "--version"),
        "commit": first_line("git", "-C", repo, "log", "-1", "--format=%h %s"),
        "dirty": has_changes(repo),
        "loadavg_start": open("/proc/loadavg").read().split()[:3],
    }))


if __name__ == "__main__":
    main()
