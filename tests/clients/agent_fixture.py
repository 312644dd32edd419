# SPDX-License-Identifier: MIT
"""Starts a real `healthdesk --headless` on a free loopback port with a throw-away data dir."""
import os
import re
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Agent:
    def __init__(self, config=None, extra_args=()):
        self.binary = os.environ["HEALTHDESK_BINARY"]
        self.tmp = tempfile.TemporaryDirectory()
        config_dir = os.path.join(self.tmp.name, "config")
        os.makedirs(config_dir)
        with open(os.path.join(config_dir, "agent.json"), "w") as f:
            f.write(config or '{"node_name": "desk1"}')
        self.process = subprocess.Popen(
            [self.binary, "--headless", "--config-dir", config_dir,
             "--data-dir", os.path.join(self.tmp.name, "data"), "--http-addr", "127.0.0.1:0", *extra_args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.port = None
        self.log = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            self.log.append(line)
            match = re.search(r"API listening on http://127\.0\.0\.1:(\d+)", line)
            if match:
                self.port = int(match.group(1))
            if "agent started" in line:
                break
        if not self.port:
            self.stop()
            raise RuntimeError("agent did not start:\n" + "".join(self.log))
        # Keep draining stderr so the agent never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stderr:
            self.log.append(line)

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.tmp.cleanup()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        code = 200
        if self.path.startswith("/status/"):
            code = int(self.path.split("/")[2])
        body = f"answer {code}".encode()
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Target:
    """A local HTTP target: /status/<code> answers with that code."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
