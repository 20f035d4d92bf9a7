#!/usr/bin/env python3
"""Pre-signs webhook deliveries for bench/ingest.lua (wrk's Lua has no HMAC).

Writes COUNT lines "ORDER_ID WEBHOOK_ID HMAC" for sequence numbers FIRST .. FIRST+COUNT-1. The body of a
request is the template with every occurrence of TOKEN replaced by ORDER_ID (ingest.lua builds exactly the
same bytes), and HMAC = base64(HMAC-SHA256(secret, body)) as Shopify sends it in X-Shopify-Hmac-Sha256.

usage: sign_requests.py TEMPLATE TOKEN SECRET OUT FIRST COUNT RUN_TAG
"""
import base64
import hashlib
import hmac
import sys


def main():
    template_path, token, secret, out_path, first, count, run_tag = sys.argv[1:8]
    first, count = int(first), int(count)
    template = open(template_path, "rb").read()
    parts = template.split(token.encode())
    if len(parts) < 2:
        sys.exit(f"sign_requests.py: {token} does not occur in {template_path}")
    key = secret.encode()
    with open(out_path, "w", buffering=1 << 20) as out:
        for seq in range(first, first + count):
            order_id = f"82{seq:016d}"  # 18 digits, like the template's id: every body has the same length
            webhook_id = f"{run_tag}-0000-4000-8000-{seq:012x}"  # UUID-shaped, unique per request
            body = order_id.encode().join(parts)
            sig = base64.b64encode(hmac.digest(key, body, hashlib.sha256)).decode()
            out.write(f"{order_id} {webhook_id} {sig}\n")


if __name__ == "__main__":
    main()
