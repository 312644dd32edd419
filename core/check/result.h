// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace HealthDesk {

/// An error that carries the HTTP status the API would answer with and Consul's message text.
struct Error
{
    int httpStatus = 400;
    QString message;
    QString field; ///< the offending field (for dialogs), empty when not field-specific
};

/// A value or an Error; a tiny stand-in for C++23 std::expected.
template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

} // namespace HealthDesk
