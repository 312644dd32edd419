# SPDX-License-Identifier: MIT
"""HealthDesk's API driven by Debian's python3-consul 0.7.1, a client nobody here wrote."""
import os
import sys
import threading
import time
import unittest
import urllib.request

import consul

sys.path.insert(0, os.path.dirname(__file__))
from agent_fixture import Agent, Target  # noqa: E402


def put(agent, path):
    request = urllib.request.Request(f"http://{agent.address}{path}", method="PUT", data=b"")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class PythonConsulTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.target = Target()
        cls.agent = Agent('{"node_name": "desk1", "check_update_interval": "0s"}')
        cls.c = consul.Consul(host="127.0.0.1", port=cls.agent.port)

    @classmethod
    def tearDownClass(cls):
        cls.agent.stop()
        cls.target.stop()

    def test_register_with_helpers_and_list(self):
        c = self.c
        self.assertTrue(c.agent.check.register("web", check=consul.Check.http(self.target.url("/"), interval="1s"),
                                               check_id="web-http", notes="front page"))
        self.assertTrue(c.agent.check.register("port", check=consul.Check.tcp("127.0.0.1", self.target.port, "1s")))
        self.assertTrue(c.agent.check.register("beat", check=consul.Check.ttl("30s"), check_id="beat"))
        checks = c.agent.checks()
        self.assertEqual(checks["web-http"]["Name"], "web")
        self.assertEqual(checks["web-http"]["Notes"], "front page")
        self.assertEqual(checks["web-http"]["Type"], "http")
        self.assertEqual(checks["web-http"]["Interval"], "1s")
        self.assertEqual(checks["port"]["Type"], "tcp")
        self.assertEqual(checks["beat"]["Status"], "critical")
        self.assertEqual(checks["beat"]["ServiceTags"], [])
        # The HTTP check turns passing against the local target within a couple of intervals.
        self.assertTrue(wait_for(lambda: c.agent.checks()["web-http"]["Status"] == "passing"))
        output = c.agent.checks()["web-http"]["Output"]
        self.assertEqual(output, f"HTTP GET {self.target.url('/')}: 200 OK Output: answer 200")

    def test_get_on_mutating_endpoints_is_refused_like_consul(self):
        c = self.c
        self.assertTrue(c.agent.check.register("ttl-get", check=consul.Check.ttl("30s"), check_id="ttl-get"))
        # python-consul 0.7.1 sends GET: current Consul answers 405, and so do we; nothing changes.
        self.assertFalse(c.agent.check.ttl_pass("ttl-get"))
        self.assertFalse(c.agent.check.deregister("ttl-get"))
        self.assertEqual(c.agent.checks()["ttl-get"]["Status"], "critical")
        self.assertEqual(put(self.agent, "/v1/agent/check/pass/ttl-get?note=ok"), 200)
        self.assertEqual(c.agent.checks()["ttl-get"]["Status"], "passing")
        self.assertEqual(c.agent.checks()["ttl-get"]["Output"], "ok")

    def test_script_helper_is_a_bad_request(self):
        with self.assertRaises(consul.base.BadRequest):
            self.c.agent.check.register("legacy", check=consul.Check.script("/bin/true", "10s"))
        self.assertNotIn("legacy", self.c.agent.checks())

    def test_health_state_checks_and_node(self):
        c = self.c
        self.assertTrue(c.agent.service.register("shop", service_id="shop1", port=8080, tags=["v1"],
                                                 check=consul.Check.ttl("60s")))
        index, checks = c.health.state("any")
        self.assertGreaterEqual(int(index), 1)
        ids = {check["CheckID"] for check in checks}
        self.assertIn("service:shop1", ids)
        index, checks = c.health.checks("shop")
        self.assertEqual([check["CheckID"] for check in checks], ["service:shop1"])
        self.assertEqual(checks[0]["ServiceTags"], ["v1"])
        self.assertEqual(checks[0]["ServiceName"], "shop")
        index, checks = c.health.node("desk1")
        self.assertIn("service:shop1", {check["CheckID"] for check in checks})
        index, checks = c.health.node("some-other-node")
        self.assertEqual(checks, [])

    def test_blocking_query_wakes_on_change_and_times_out_otherwise(self):
        c = self.c
        self.assertTrue(c.agent.check.register("watched", check=consul.Check.ttl("60s"), check_id="watched"))
        index, _ = c.health.state("passing")

        # No change: the query is held for the wait and returns the same index.
        started = time.monotonic()
        same, _ = c.health.state("passing", index=index, wait="1s")
        self.assertGreaterEqual(time.monotonic() - started, 0.9)
        self.assertEqual(same, index)

        # A status change wakes the waiter early with a higher index.
        threading.Timer(0.3, lambda: put(self.agent, "/v1/agent/check/pass/watched")).start()
        started = time.monotonic()
        newer, checks = c.health.state("passing", index=index, wait="20s")
        self.assertLess(time.monotonic() - started, 10)
        self.assertGreater(int(newer), int(index))
        self.assertIn("watched", {check["CheckID"] for check in checks})

    def test_service_maintenance(self):
        c = self.c
        self.assertTrue(c.agent.service.register("db", service_id="db1"))
        self.assertTrue(c.agent.service.maintenance("db1", True, reason="patching"))
        check = c.agent.checks()["_service_maintenance:db1"]
        self.assertEqual(check["Status"], "critical")
        self.assertEqual(check["Type"], "maintenance")
        self.assertEqual(check["Notes"], "patching")
        self.assertTrue(c.agent.service.maintenance("db1", False))
        self.assertNotIn("_service_maintenance:db1", c.agent.checks())

    def test_agent_self(self):
        self_info = self.c.agent.self()
        self.assertEqual(self_info["Config"]["NodeName"], "desk1")
        self.assertEqual(self_info["Config"]["Datacenter"], "dc1")
        self.assertTrue(self_info["Config"]["Version"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
