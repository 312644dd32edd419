// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSettings>
#include <QVariant>

#include <memory>

namespace HealthDesk {

/// The desktop's own preferences (not Consul agent settings from config files): typed keys with
/// their defaults in one table, a changed(key) signal, and one QSettings file underneath. Tests
/// pass a temporary file; the app uses the default location.
class AppSettings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppSettings)

public:
    enum class Key {
        ApiAddress,          ///< QString, "127.0.0.1"
        ApiPort,             ///< int, 8500
        ApiToken,            ///< QString: agent token required for writes; empty = none
        AllowedOrigins,      ///< QStringList
        HistoryRetentionDays, ///< int, 30 (0 keeps history forever)
        NotifyCritical,      ///< bool, true
        NotifyWarning,       ///< bool, true
        NotifyMaintenance,   ///< bool, false
        NotifyRecovery,      ///< bool, false: notify when a check turns passing again
        NotificationSound,   ///< bool, false
        StartMinimized,      ///< bool, false: start hidden in the tray
        EnableLocalScriptChecks, ///< bool, false
        CsvByteOrderMark,    ///< bool, false
        KeyCount
    };
    Q_ENUM(Key)

    /// `fileName` empty: `healthdesk/desktop` in the platform's user settings location.
    explicit AppSettings(const QString &fileName = {}, QObject *parent = nullptr);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    QVariant defaultValue(Key key) const;
    static QString keyName(Key key);

    bool boolValue(Key key) const { return value(key).toBool(); }
    int intValue(Key key) const { return value(key).toInt(); }
    QString stringValue(Key key) const { return value(key).toString(); }

    /// Writes pending changes now (they are otherwise written by QSettings on its own schedule
    /// and at exit).
    void sync();
    QString fileName() const;
    /// The same file, for widget state that has no typed key (window geometry, header layout).
    QSettings &storage() { return *m_settings; }

signals:
    void changed(HealthDesk::AppSettings::Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace HealthDesk
