// SPDX-License-Identifier: MIT
#include "testhandler.h"

#include "api/http/response.h"

namespace HealthDesk::Http::Testing {

void TestHandler::handleRequest(const Request &request, PendingReply reply)
{
    ++requests;
    const QString path = request.path();
    const QString tag = request.queryValue(u"tag");
    seenTags.append(tag);
    if (path == u"/hold") {
        reply.onClientGone(&context, [this, tag] { goneTags.append(tag); });
        held.append({std::move(reply), tag});
        return;
    }
    if (path == u"/drop")
        return;
    if (path == u"/big") {
        reply.send(Response::json(bigBody(request.queryValue(u"size").toLongLong())));
        return;
    }
    if (path == u"/close") {
        Response response(200, "bye");
        response.setHeader("Connection", "close");
        reply.send(response);
        return;
    }
    QByteArray text = request.method() + ' ' + request.path().toUtf8() + " tag=" + tag.toUtf8() + '\n';
    for (const Request::QueryItem &item : request.queryItems())
        text += "q:" + item.first.toUtf8() + '=' + item.second.toUtf8() + '\n';
    text += "body:" + request.body();
    Response response(200, text);
    response.setContentType("text/plain");
    reply.send(response);
}

QByteArray TestHandler::bigBody(qsizetype size)
{
    QByteArray body;
    body.reserve(size);
    for (int i = 0; body.size() < size; ++i)
        body += R"({"CheckID":"service:web-)" + QByteArray::number(i) + R"(","Status":"passing"},)";
    body.truncate(size);
    return body;
}

} // namespace HealthDesk::Http::Testing
