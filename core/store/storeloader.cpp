// SPDX-License-Identifier: MIT
#include "storeloader.h"

#include "check/checkjson.h"
#include "storestatements.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace HealthDesk {
Q_DECLARE_LOGGING_CATEGORY(lcStore)
}

namespace HealthDesk::StoreLoader {

namespace {

std::optional<QJsonObject> parseObject(const QVariant &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toString().toUtf8(), &parseError);
    if (!document.isObject()) {
        *error = parseError.error != QJsonParseError::NoError ? parseError.errorString() : u"not a JSON object"_s;
        return std::nullopt;
    }
    return document.object();
}

bool loadServices(QSqlDatabase &db, QHash<QString, ServiceState> *services, StoreLoad *load)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, definition, source, token, create_index, modify_index FROM services"_s)) {
        load->error = StoreStatements::errorText(query.lastError());
        return false;
    }
    while (query.next()) {
        const QString id = query.value(0).toString();
        QString error;
        const auto object = parseObject(query.value(1), &error);
        auto decoded = object ? CheckJson::decodeService(*object, CheckJson::Dialect::Api)
                              : Result<ServiceDefinition>(Error{500, error, {}});
        if (!decoded) {
            qCWarning(lcStore).noquote() << u"skipping stored service \"%1\": %2"_s.arg(id, decoded.error().message);
            ++load->unreadableRows;
            continue;
        }
        ServiceState service;
        service.definition = std::move(decoded).value();
        service.definition.id = id;
        service.definition.checks.clear();
        service.definition.source = checkSourceFromName(query.value(2).toString()).value_or(CheckSource::Remote);
        service.definition.token = query.value(3).toString();
        service.createIndex = query.value(4).toULongLong();
        service.modifyIndex = query.value(5).toULongLong();
        services->insert(id, service);
    }
    return true;
}

bool loadChecks(QSqlDatabase &db, const QHash<QString, ServiceState> &services, StoreLoad *load)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT c.id, c.definition, c.source, c.token, c.maintenance, c.create_index, c.modify_index,"
                    " s.status, s.output, s.catalog_output, s.last_run_ms, s.last_change_ms, s.latency_us,"
                    " s.last_code, s.ttl_expires_ms"
                    " FROM checks c LEFT JOIN check_state s ON s.check_id = c.id"_s)) {
        load->error = StoreStatements::errorText(query.lastError());
        return false;
    }
    while (query.next()) {
        const QString id = query.value(0).toString();
        QString error;
        const auto object = parseObject(query.value(1), &error);
        auto decoded = object ? CheckJson::decodeCheck(*object, CheckJson::Dialect::Api)
                              : Result<CheckDefinition>(Error{500, error, {}});
        if (!decoded) {
            qCWarning(lcStore).noquote() << u"skipping stored check \"%1\": %2"_s.arg(id, decoded.error().message);
            ++load->unreadableRows;
            continue;
        }
        CheckState state;
        state.definition = std::move(decoded).value();
        state.definition.id = id;
        state.definition.source = checkSourceFromName(query.value(2).toString()).value_or(CheckSource::Remote);
        state.definition.token = query.value(3).toString();
        state.definition.maintenance = query.value(4).toInt() != 0;
        state.createIndex = query.value(5).toULongLong();
        state.modifyIndex = query.value(6).toULongLong();
        if (!query.isNull(7)) {
            state.status = StoreStatements::statusFromDb(query.value(7).toInt());
            state.output = query.value(8).toString();
            state.catalogOutput = query.value(9).toString();
            state.lastRunMs = query.value(10).toLongLong();
            state.lastChangeMs = query.value(11).toLongLong();
            state.latencyUs = query.value(12).toLongLong();
            state.lastCode = query.value(13).toInt();
            state.ttlExpiresMs = query.value(14).toLongLong();
        }
        // Not part of a check's Consul definition: it follows the service.
        if (const auto service = services.constFind(state.definition.serviceId); service != services.cend()) {
            state.definition.serviceName = service->definition.name;
            state.definition.serviceTags = service->definition.tags;
        }
        load->checks.append(std::move(state));
    }
    return true;
}

} // namespace

StoreLoad load(QSqlDatabase &db)
{
    StoreLoad load;
    quint64 highest = 0;
    {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT value FROM meta WHERE key = 'index_reserved'"_s)) {
            load.error = StoreStatements::errorText(query.lastError());
            return load;
        }
        if (query.next())
            highest = query.value(0).toULongLong();
    }

    QHash<QString, ServiceState> services;
    if (!loadServices(db, &services, &load) || !loadChecks(db, services, &load))
        return load;

    for (const ServiceState &service : std::as_const(services))
        highest = std::max({highest, service.createIndex, service.modifyIndex});
    for (const CheckState &check : std::as_const(load.checks))
        highest = std::max({highest, check.createIndex, check.modifyIndex});
    load.index = std::max<quint64>(highest, 1);

    for (ServiceState &service : services) {
        if (service.createIndex == 0)
            service.createIndex = load.index;
        if (service.modifyIndex == 0)
            service.modifyIndex = load.index;
    }
    for (CheckState &check : load.checks) {
        if (check.createIndex == 0)
            check.createIndex = load.index;
        if (check.modifyIndex == 0)
            check.modifyIndex = load.index;
    }
    load.services = services.values();
    return load;
}

} // namespace HealthDesk::StoreLoader
