#!/usr/bin/env python3
"""events-api.py: the LwM2M server's /api/events as one poller sees it (docs/performance.md).

Usage: benchmarks/events-api.py [PORT [LIMIT]]   (default 8080 1000), against a running LwM2M server whose event
buffer is full, e.g. the standalone with 100 devices after half a minute.

1. Throughput: for 10 s, pages through everything the buffer holds (?after=0&limit=LIMIT, then after the last
   sequence) over one keep-alive connection, again and again; prints events per second.
2. Latency: for 20 s, asks for the newest events (?after=last) at 440 requests per second, the rate of the original
   stack's poller; prints p50, p99 and max of the request time.
"""
import http.client, json, sys, time, statistics
host, port = "localhost", int(sys.argv[1]) if len(sys.argv) > 1 else 8080
conn = http.client.HTTPConnection(host, port)
def get(path):
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    return r, body
# Throughput: page through everything the buffer holds, from its oldest event, several times.
events = 0; start = time.perf_counter(); rounds = 0
while time.perf_counter() - start < 10:
    cursor = 0
    while True:
        r, body = get(f"/api/events?after={cursor}&limit={sys.argv[2] if len(sys.argv) > 2 else 1000}")
        page = json.loads(body)
        if not page: break
        events += len(page); cursor = page[-1]["sequence"]
        if len(page) < 10: break
    rounds += 1
elapsed = time.perf_counter() - start
print(f"throughput: {events} events in {elapsed:.1f} s = {events/elapsed:,.0f} events/s to one poller ({rounds} passes over the buffer)")
# Latency at 440 requests/s: the newest events (after the last sequence), like a poller that keeps up.
r, _ = get("/api/events?after=0&limit=1"); last = int(r.getheader("X-Last-Sequence"))
lat = []; interval = 1 / 440; next_at = time.perf_counter(); end = next_at + 20
while time.perf_counter() < end:
    t0 = time.perf_counter()
    r, body = get(f"/api/events?after={last}")
    lat.append((time.perf_counter() - t0) * 1000)
    page = json.loads(body)
    if page: last = page[-1]["sequence"]
    next_at += interval
    delay = next_at - time.perf_counter()
    if delay > 0: time.sleep(delay)
lat.sort()
print(f"latency at {len(lat)/20:.0f} requests/s over 20 s: p50 {lat[len(lat)//2]:.2f} ms, p99 {lat[int(len(lat)*0.99)]:.2f} ms, max {lat[-1]:.2f} ms")
