#!/usr/bin/env python3
"""Mints N distinct gateway tokens for the 10,000-users phase of bench/run.sh, one per line. Standard library only.

Usage: GATEWAY_SIGNING_KEY=... mint_tokens.py COUNT > tokens.txt

Each token is what TokenIssuer writes for a password sign-in of its own user (sub bench-user-N) in its own session:
HS256 with the run's signing key (kid = base64url of the first 8 bytes of its SHA-256, as SigningKey names it),
issuer and audience "auth-gateway" (the defaults), a fresh jti, sid and auth_time, one hour of life. The users are
not in the user store: the request path never reads it (only a sliding refresh would, past half the lifetime, which
a benchmark run does not reach). Signing 10,000 takes well under a second, where 10,000 logins would take 15 minutes
of PBKDF2. run.sh checks the first token against the gateway before using the file.
"""
import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
import time


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def main():
    count = int(sys.argv[1])
    key = os.environ["GATEWAY_SIGNING_KEY"].encode("utf-8")
    kid = b64url(hashlib.sha256(key).digest()[:8])
    header = b64url(json.dumps({"alg": "HS256", "kid": kid, "typ": "JWT"}, separators=(",", ":")).encode())
    now = int(time.time())
    out = sys.stdout
    for n in range(count):
        claims = {
            "sub": f"bench-user-{n}", "name": f"bench user {n}", "preferred_username": f"bench-user-{n}",
            "jti": b64url(secrets.token_bytes(16)),
            "amr": ["pwd"], "sid": b64url(secrets.token_bytes(16)), "auth_time": now,
            "iss": "auth-gateway", "aud": "auth-gateway", "iat": now, "nbf": now, "exp": now + 3600,
        }
        body = header + "." + b64url(json.dumps(claims, separators=(",", ":")).encode())
        signature = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()
        out.write(body + "." + b64url(signature) + "\n")


if __name__ == "__main__":
    main()
