// SPDX-License-Identifier: MIT
#include "appsettings.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
struct KeySpec
{
    AppSettings::Key key;
    QString name;
    QVariant defaultValue;
};

const QList<KeySpec> &specs()
{
    using K = AppSettings::Key;
    static const QList<KeySpec> table = {
        {K::ApiAddress, u"api/address"_s, u"127.0.0.1"_s},
        {K::ApiPort, u"api/port"_s, 8500},
        {K::ApiToken, u"api/token"_s, QString()},
        {K::AllowedOrigins, u"api/allowedOrigins"_s, QStringList()},
        {K::HistoryRetentionDays, u"store/historyRetentionDays"_s, 30},
        {K::NotifyCritical, u"notify/critical"_s, true},
        {K::NotifyWarning, u"notify/warning"_s, true},
        {K::NotifyMaintenance, u"notify/maintenance"_s, false},
        {K::NotifyRecovery, u"notify/recovery"_s, false},
        {K::NotificationSound, u"notify/sound"_s, false},
        {K::StartMinimized, u"ui/startMinimized"_s, false},
        {K::EnableLocalScriptChecks, u"checks/enableLocalScriptChecks"_s, false},
        {K::CsvByteOrderMark, u"export/byteOrderMark"_s, false},
    };
    return table;
}

const KeySpec &spec(AppSettings::Key key)
{
    return specs().at(int(key));
}
} // namespace

AppSettings::AppSettings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(fileName.isEmpty() ? std::make_unique<QSettings>(u"healthdesk"_s, u"desktop"_s)
                                    : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{
    Q_ASSERT(specs().size() == int(Key::KeyCount));
}

QString AppSettings::keyName(Key key)
{
    return spec(key).name;
}

QVariant AppSettings::defaultValue(Key key) const
{
    return spec(key).defaultValue;
}

QVariant AppSettings::value(Key key) const
{
    const KeySpec &s = spec(key);
    QVariant stored = m_settings->value(s.name, s.defaultValue);
    if (s.defaultValue.typeId() == QMetaType::QStringList && stored.typeId() == QMetaType::QString)
        stored = stored.toString().isEmpty() ? QStringList() : QStringList{stored.toString()};
    if (stored.canConvert(s.defaultValue.metaType()))
        stored.convert(s.defaultValue.metaType());
    return stored;
}

void AppSettings::setValue(Key key, const QVariant &value)
{
    if (this->value(key) == value)
        return;
    if (value == spec(key).defaultValue)
        m_settings->remove(spec(key).name);
    else
        m_settings->setValue(spec(key).name, value);
    emit changed(key);
}

void AppSettings::sync()
{
    m_settings->sync();
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace HealthDesk
