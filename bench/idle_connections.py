#!/usr/bin/env python3
"""Holds N idle or slow connections open to a local server, then times new requests.

usage: idle_connections.py PORT [N=10000] [SERVER_PID]
Opens N connections from 40 loopback addresses (127.0.1.1 … 127.0.1.40, so the
default per-client cap of 256 is not what stops them): a third sent one request
and stay open on keep-alive, as a browser tab would; a third are silent; a third
are slowloris — half a request line, then one header byte every few seconds.
While they are open, it times 20 fresh GET /api/v1/health requests from
127.0.0.2 twice: while the slowloris third drips as slowloris does, each
socket a byte every few seconds (spread over a 5 s cycle), and right after
all of them dripped at once (a burst of N/3 events the server must go through
first: the worst case). It prints the slowest of each, how many of the N the
server still holds open, and the server's RSS (with SERVER_PID). Loopback only.
"""
import os
import socket
import sys
import threading
import time

port = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
server_pid = sys.argv[3] if len(sys.argv) > 3 else None
SOURCES = [f"127.0.1.{i}" for i in range(1, 41)]


def rss_mb(pid):
    if not pid:
        return "?"
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return f"{int(line.split()[1]) / 1024:.0f}"
    return "?"


def connect(source):
    s = socket.socket()
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


rss_before = rss_mb(server_pid)
held = []
for i in range(count):
    s = connect(SOURCES[i % len(SOURCES)])
    kind = i % 3
    if kind == 0:
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: bench\r\n\r\n")
    elif kind == 2:
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nX-a: ")
    held.append((kind, s))

slow = [s for kind, s in held if kind == 2]

# Held open means set up: every keep-alive third has its answer before timing starts.
for kind, s in held:
    if kind == 0:
        s.settimeout(60)
        assert s.recv(65536).startswith(b"HTTP/1.1 200")
        s.settimeout(None)


def drip(s):
    try:
        s.send(b"a")
    except OSError:
        pass


def probe_ms():
    start = time.perf_counter()
    probe = connect("127.0.0.2")
    probe.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
    data = probe.recv(65536)
    elapsed = (time.perf_counter() - start) * 1000
    probe.close()
    assert data.startswith(b"HTTP/1.1 200"), data[:40]
    return elapsed


# Slowloris as it is sent: every socket a byte each cycle, the sockets spread over it.
stop = threading.Event()


def dripping(cycle=5.0):
    while not stop.is_set():
        started = time.perf_counter()
        for i, s in enumerate(slow):
            due = started + cycle * i / len(slow)
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            if stop.is_set():
                return
            drip(s)


dripper = threading.Thread(target=dripping)
dripper.start()
worst = 0.0
for _ in range(20):
    worst = max(worst, probe_ms())
    time.sleep(0.25)
stop.set()
dripper.join()

# The worst case: every slowloris socket drips at the same moment, just before the request.
worst_burst = 0.0
for _ in range(20):
    for s in slow:
        drip(s)
    worst_burst = max(worst_burst, probe_ms())
    time.sleep(0.1)

rss_during = rss_mb(server_pid)


def still_open(s):
    """Reads what is waiting; a closed connection ends in EOF or a reset."""
    s.setblocking(False)
    try:
        while True:
            if not s.recv(65536):
                return False
    except BlockingIOError:
        return True
    except OSError:
        return False


open_count = sum(1 for _, s in held if still_open(s))
print(f"QSELF held={count} still_open={open_count} worst_new_request_ms={worst:.1f} "
      f"worst_after_a_burst_ms={worst_burst:.1f} rss_mb_before={rss_before} rss_mb_with_them={rss_during}")
for _, s in held:
    s.close()
