// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <vector>

namespace HealthDesk::Test {

/// A loopback TCP port whose accept queue is full, so that new connection attempts get no
/// answer: the loopback stand-in for a firewalled host (connect timeouts).
class BlackholeListener final
{
public:
    BlackholeListener() = default;
    ~BlackholeListener();
    BlackholeListener(const BlackholeListener &) = delete;
    BlackholeListener &operator=(const BlackholeListener &) = delete;

    /// Listens on 127.0.0.1 and fills the queue; false when connects still get through.
    bool start();
    quint16 port() const { return m_port; }

private:
    int m_listener = -1;
    std::vector<int> m_fillers;
    quint16 m_port = 0;
};

} // namespace HealthDesk::Test
