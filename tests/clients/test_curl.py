# SPDX-License-Identifier: MIT
"""HealthDesk's API driven by curl, the way Consul's documentation examples use it, including
every kind of bad input: each must get a clear 4xx/5xx and change nothing."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from agent_fixture import Agent, Target  # noqa: E402


def curl(agent, path, *args, method=None, data=None, headers=()):
    command = ["curl", "-sS", "--max-time", "15", "-o", "-", "-D", "/dev/stderr", "-w", "\n%{http_code}"]
    if method:
        command += ["-X", method]
    for header in headers:
        command += ["-H", header]
    if data is not None:
        command += ["--data-binary", data]
    command += [*args, f"http://{agent.address}{path}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    body, _, code = result.stdout.rpartition("\n")
    return int(code), body, result.stderr


class CurlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.target = Target()
        cls.agent = Agent('{"node_name": "desk1"}')

    @classmethod
    def tearDownClass(cls):
        cls.agent.stop()
        cls.target.stop()

    def register(self, payload):
        return curl(self.agent, "/v1/agent/check/register", method="PUT", data=json.dumps(payload))

    def checks(self):
        code, body, _ = curl(self.agent, "/v1/agent/checks")
        self.assertEqual(code, 200)
        return json.loads(body)

    def test_documentation_examples(self):
        payload = {"ID": "api", "Name": "Memory utilization", "Notes": "Ensure we don't oversubscribe memory",
                   "HTTP": self.target.url("/"), "Method": "POST", "Header": {"Content-Type": ["application/json"]},
                   "Body": "{\"method\":\"health\"}", "Interval": "10s", "Timeout": "1s"}
        code, body, _ = self.register(payload)
        self.assertEqual((code, body), (200, ""))
        self.assertEqual(self.checks()["api"]["Interval"], "10s")
        code, body, _ = curl(self.agent, "/v1/agent/checks", "-G", "--data-urlencode", "filter=Name == `Memory utilization`")
        self.assertEqual(code, 200)
        self.assertEqual(list(json.loads(body)), ["api"])
        code, body, headers = curl(self.agent, "/v1/health/state/critical")
        self.assertEqual(code, 200)
        self.assertIn("x-consul-index:", headers.lower())
        self.assertRegex(headers, r"(?i)x-consul-knownleader: true")
        code, _, _ = curl(self.agent, "/v1/agent/check/deregister/api", method="PUT")
        self.assertEqual(code, 200)
        self.assertNotIn("api", self.checks())

    def test_bad_input_is_refused_and_changes_nothing(self):
        before = self.checks()
        cases = [
            ("malformed JSON", {"data": "{\"Name\": "}, 400, "Request decode failed"),
            ("empty body", {"data": ""}, 400, "Request decode failed: EOF"),
            ("unknown field", {"data": json.dumps({"Name": "x", "TTL": "10s", "Bogus": 1})}, 400,
             'json: unknown field "Bogus"'),
            ("script field of old clients", {"data": json.dumps({"Name": "x", "Script": "true", "Interval": "10s"})}, 400,
             'unknown field "Script"'),
            ("wrong type", {"data": json.dumps({"Name": "x", "TTL": "10s", "Header": {"a": "b"}})}, 400,
             "cannot unmarshal"),
            ("bad duration", {"data": json.dumps({"Name": "x", "TTL": "10"})}, 400, 'missing unit in duration "10"'),
            ("bad status", {"data": json.dumps({"Name": "x", "TTL": "10s", "Status": "PASSING"})}, 400,
             "Bad check status"),
            ("no type", {"data": json.dumps({"Name": "x"})}, 400, "Invalid check: TTL must be > 0 for TTL checks"),
            ("missing name", {"data": json.dumps({"TTL": "10s"})}, 400, "Missing check name"),
            ("unknown service", {"data": json.dumps({"Name": "x", "TTL": "10s", "ServiceID": "nope"})}, 404,
             'ServiceID "nope" does not exist'),
            ("script checks disabled", {"data": json.dumps({"Name": "x", "Args": ["/bin/true"], "Interval": "10s"})}, 500,
             "Scripts are disabled on this agent from remote calls"),
        ]
        for name, kwargs, status, text in cases:
            with self.subTest(name):
                code, body, _ = curl(self.agent, "/v1/agent/check/register", method="PUT", **kwargs)
                self.assertEqual(code, status, body)
                self.assertIn(text, body)
        self.assertEqual(self.checks(), before)

    def test_oversized_body_is_413(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as big:
            big.write(json.dumps({"Name": "big", "TTL": "10s", "Notes": "x" * (2 * 1024 * 1024)}))
            big.flush()
            code, _, _ = curl(self.agent, "/v1/agent/check/register", method="PUT", data="@" + big.name)
        self.assertEqual(code, 413)
        self.assertNotIn("big", self.checks())

    def test_unknown_ids(self):
        for path in ["/v1/agent/check/deregister/ghost", "/v1/agent/check/pass/ghost", "/v1/agent/check/fail/ghost"]:
            with self.subTest(path):
                code, body, _ = curl(self.agent, path, method="PUT")
                self.assertEqual(code, 404)
                self.assertEqual(body, 'Unknown check ID "ghost". Ensure that the check ID is passed, not the check name.')

    def test_methods_and_options(self):
        code, body, headers = curl(self.agent, "/v1/agent/check/register")
        self.assertEqual((code, body), (405, "method GET not allowed"))
        self.assertRegex(headers, r"(?i)allow: OPTIONS,PUT")
        code, _, headers = curl(self.agent, "/v1/agent/checks", method="OPTIONS")
        self.assertEqual(code, 200)
        self.assertRegex(headers, r"(?i)allow: GET,OPTIONS")

    def test_blocking_query_parameters(self):
        for query, text in [("index=abc", "Invalid index"), ("index=1&wait=forever", "Invalid wait time")]:
            with self.subTest(query):
                code, body, _ = curl(self.agent, "/v1/health/state/any?" + query)
                self.assertEqual((code, body), (400, text))
        code, body, _ = curl(self.agent, "/v1/agent/checks", "-G", "--data-urlencode", "filter=Name ==")
        self.assertEqual(code, 400)
        self.assertIn("Failed to create boolean expression evaluator: 1:8 (7)", body)

    def test_browser_protections(self):
        code, body, _ = curl(self.agent, "/v1/agent/checks", headers=["Host: attacker.example:8500"])
        self.assertEqual(code, 403)
        self.assertIn("DNS rebinding", body)
        code, body, _ = curl(self.agent, "/v1/agent/check/register", method="PUT",
                             data=json.dumps({"Name": "csrf", "TTL": "10s"}), headers=["Origin: https://evil.example"])
        self.assertEqual(code, 403)
        self.assertNotIn("csrf", self.checks())

    def test_gzip_and_pretty(self):
        for i in range(20):
            self.register({"Name": f"bulk{i}", "TTL": "60s"})
        code, body, headers = curl(self.agent, "/v1/agent/checks?pretty", "--compressed")
        self.assertEqual(code, 200)
        self.assertRegex(headers, r"(?i)content-encoding: gzip")
        self.assertTrue(body.startswith("{\n    \""))
        self.assertIn("bulk7", json.loads(body))


class CurlAclTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.agent = Agent('{"acl": {"enabled": true, "default_policy": "deny", "tokens": {"agent": "s3cret"}}}')

    @classmethod
    def tearDownClass(cls):
        cls.agent.stop()

    def test_token_sources_in_order(self):
        payload = json.dumps({"Name": "guarded", "TTL": "10s"})
        code, body, _ = curl(self.agent, "/v1/agent/check/register", method="PUT", data=payload)
        self.assertEqual((code, body), (403, "Permission denied"))
        code, body, _ = curl(self.agent, "/v1/agent/check/register", method="PUT", data=payload,
                             headers=["X-Consul-Token: wrong"])
        self.assertEqual((code, body), (403, "ACL not found"))
        for headers, query in [([], "?token=s3cret"), (["X-Consul-Token: s3cret"], ""),
                               (["Authorization: Bearer s3cret"], "")]:
            with self.subTest(headers=headers, query=query):
                code, body, _ = curl(self.agent, "/v1/agent/check/register" + query, method="PUT", data=payload,
                                     headers=headers)
                self.assertEqual(code, 200, body)
        # ?token= wins over the header.
        code, _, _ = curl(self.agent, "/v1/agent/check/register?token=wrong", method="PUT", data=payload,
                          headers=["X-Consul-Token: s3cret"])
        self.assertEqual(code, 403)
        # Reads without a token are filtered, not refused.
        code, body, _ = curl(self.agent, "/v1/agent/checks")
        self.assertEqual((code, json.loads(body)), (200, {}))
        code, body, _ = curl(self.agent, "/v1/agent/checks", headers=["X-Consul-Token: s3cret"])
        self.assertIn("guarded", json.loads(body))


if __name__ == "__main__":
    unittest.main(verbosity=2)
