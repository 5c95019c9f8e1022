#!/usr/bin/env python3
"""Opens N idle keep-alive connections to a local server, then times new requests.

usage: idle_connections.py PORT [N=1000]
Prints the slowest of 20 fresh GET /api/v1/health requests while N connections
sit open and idle. Loopback only.
"""
import socket
import sys
import time

port = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
idle = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    # Each sends one request and then keeps the connection open, as a browser tab would.
    s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: bench\r\n\r\n")
    idle.append(s)
time.sleep(0.5)
worst = 0.0
for _ in range(20):
    start = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
    data = s.recv(65536)
    elapsed = (time.perf_counter() - start) * 1000
    s.close()
    assert data.startswith(b"HTTP/1.1 200"), data[:40]
    worst = max(worst, elapsed)
print(f"QSELF idle={count} worst_new_request_ms={worst:.1f}")
for s in idle:
    s.close()
