#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Many raw HTTP client connections in a separate process, driven by tst_httpserver.

Separate so that the server process's memory and file descriptors are its own: the tests
measure RSS per held connection and check descriptor reuse. One JSON command per stdin line,
one JSON answer per stdout line:
  {"op": "open", "group": g, "count": n}         connect n sockets
  {"op": "send", "group": g, "data": latin1}     send data on each
  {"op": "trickle", "group": g, "data": latin1, "interval": s}
                                                 send one byte per socket every interval
  {"op": "read", "group": g, "timeout": s}       one reply per socket (by Content-Length)
  {"op": "close", "group": g}
  {"op": "quit"}
"""
import json
import socket
import sys
import threading
import time

port = int(sys.argv[1])
groups = {}
stop_trickle = threading.Event()


def reply(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def read_reply(sock, deadline):
    data = b""
    while True:
        head_end = data.find(b"\r\n\r\n")
        if head_end >= 0:
            head = data[:head_end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if len(data) >= head_end + 4 + length:
                return data[: head_end + 4 + length].decode("latin-1")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return data.decode("latin-1")
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return data.decode("latin-1")
        if not chunk:
            return data.decode("latin-1")
        data += chunk


def trickle(socks, data, interval):
    position = 0
    while not stop_trickle.is_set() and position < len(data):
        for sock in socks:
            try:
                sock.send(data[position : position + 1])
            except OSError:
                pass
        position += 1
        stop_trickle.wait(interval)


for line in sys.stdin:
    command = json.loads(line)
    op = command["op"]
    group = command.get("group", "")
    if op == "open":
        socks = groups.setdefault(group, [])
        for _ in range(command["count"]):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            socks.append(sock)
        reply(ok=True, opened=len(socks))
    elif op == "send":
        payload = command["data"].encode("latin-1")
        for sock in groups[group]:
            sock.sendall(payload)
        reply(ok=True)
    elif op == "trickle":
        payload = command["data"].encode("latin-1")
        threading.Thread(target=trickle, args=(list(groups[group]), payload, command["interval"]),
                         daemon=True).start()
        reply(ok=True)
    elif op == "read":
        deadline = time.monotonic() + command.get("timeout", 5)
        reply(ok=True, responses=[read_reply(sock, deadline) for sock in groups[group]])
    elif op == "close":
        for sock in groups.pop(group, []):
            sock.close()
        reply(ok=True)
    elif op == "quit":
        stop_trickle.set()
        reply(ok=True)
        break
