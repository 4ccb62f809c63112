#include "app/qt/message_list_model.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QVariantMap>
#include <algorithm>
#include <utility>

#include "app/qt/number_words.h"

using namespace hearth;

std::pair<QString, QString> split_thinking(const QString& content) {
    static const QString open = QStringLiteral("<think>"), close = QStringLiteral("</think>");
    const QString trimmed = content.trimmed();
    if (!trimmed.startsWith(open)) return {QString(), content};
    const qsizetype start = content.indexOf(open) + open.size();
    const qsizetype end = content.indexOf(close, start);
    if (end < 0) return {content.mid(start).trimmed(), QString()};
    return {content.mid(start, end - start).trimmed(), content.mid(end + close.size()).trimmed()};
}

QVariantList split_code_blocks(const QString& markdown) {
    QVariantList out;
    QString text, code, language;
    bool inCode = false;
    auto push = [&out](const QString& kind, const QString& body, const QString& lang) {
        if (kind == QLatin1String("text") && body.trimmed().isEmpty()) return;
        // Models break lines with a single newline, which Markdown would join into one paragraph:
        // each becomes a hard line break ("  \n").
        static const QRegularExpression single(QStringLiteral("(?<!\n)\n(?!\n)"));
        const QString shown = kind == QLatin1String("text") ? QString(body).replace(single, QStringLiteral("  \n")) : body;
        out.append(QVariantMap{{QStringLiteral("kind"), kind}, {QStringLiteral("text"), shown},
                               {QStringLiteral("language"), lang}});
    };
    const QStringList lines = markdown.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1String("```"))) {
            if (!inCode) {
                push(QStringLiteral("text"), text, {});
                text.clear();
                language = t.mid(3).trimmed();
                inCode = true;
            } else {
                push(QStringLiteral("code"), code, language);
                code.clear();
                inCode = false;
            }
            continue;
        }
        // A paragraph is a block of its own, so that a streamed token re-lays out only the last
        // paragraph, not the whole reply. Only where the cut cannot change what Markdown makes of
        // the text: after a blank line, before a line that is not a list item, indented less than
        // code (4 columns); and after a list only at the margin (an indented line there continues
        // an item). List items and their continuations stay with what they continue.
        static const QRegularExpression listItem(QStringLiteral("^ {0,3}([-*+]|\\d{1,9}[.)])(\\s|$)"), QRegularExpression::MultilineOption);
        const bool atMargin = !t.isEmpty() && !line.at(0).isSpace();
        const bool shallow = !t.isEmpty() && line.indexOf(t) < 4 && !line.left(line.indexOf(t)).contains(u'\t');
        if (!inCode && i > 0 && !t.isEmpty() && lines[i - 1].trimmed().isEmpty() && !text.trimmed().isEmpty() &&
            !listItem.match(line).hasMatch() && (atMargin || (shallow && !listItem.match(text).hasMatch()))) {
            while (text.endsWith(u'\n')) text.chop(1);
            push(QStringLiteral("text"), text, {});
            text.clear();
        }
        QString& into = inCode ? code : text;
        if (!into.isEmpty() || (inCode && i > 0)) into += u'\n';
        into += line;
    }
    if (inCode) push(QStringLiteral("code"), code, language);
    else push(QStringLiteral("text"), text, {});
    // Code kept its leading newline from the join; trim it.
    for (auto& v : out) {
        QVariantMap m = v.toMap();
        if (m.value(QStringLiteral("kind")) == QLatin1String("code")) {
            QString c = m.value(QStringLiteral("text")).toString();
            while (c.startsWith(u'\n')) c.remove(0, 1);
            m.insert(QStringLiteral("text"), c);
            v = m;
        }
    }
    return out;
}

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {
    frame_.setSingleShot(true);
    frame_.setInterval(16);  // one frame at 60 Hz
    connect(&frame_, &QTimer::timeout, this, &MessageListModel::flushTokens);
}

void MessageListModel::flushTokens() {
    frame_.stop();
    if (pendingRow_ < 0 || pendingRow_ >= count()) {
        pendingRow_ = -1;
        return;
    }
    const QModelIndex i = index(std::exchange(pendingRow_, -1));
    // Which blocks changed: usually only the last (a paragraph growing), or a new one.
    Row& r = rows_[static_cast<size_t>(i.row())];
    QVariantList now = split_code_blocks(split_thinking(r.content).second);
    qsizetype same = 0;
    while (same < now.size() && same < r.shownSegments.size() && now[same] == r.shownSegments[same]) ++same;
    r.changedFrom = static_cast<int>(same);
    r.shownSegments = std::move(now);
    // Not the confidence roles: their view is offered once the reply is done (finish() tells it),
    // and building it on every update would cost as much as the whole text each time. Not the
    // whole list of blocks either: the count and the changed tail (finish() tells the rest).
    emit dataChanged(i, i, {ContentRole, AnswerRole, ThinkingRole, SegmentCountRole, SegmentsTailRole});
}

int MessageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

namespace {

QString confidence_html(const std::vector<MessageListModel::Span>& spans) {
    QString out;
    for (size_t i = 0; i < spans.size(); ++i) {
        QString t = spans[i].text.toHtmlEscaped();
        t.replace(u'\n', QLatin1String("<br>"));
        if (t.isEmpty()) continue;
        const float p = spans[i].probability;
        // Shade by how unsure the model was: white above 80 %, then deeper orange.
        if (p >= 0.8f) {
            out += QStringLiteral("<a href=\"%1\" style=\"text-decoration:none;color:inherit\">%2</a>").arg(i).arg(t);
        } else {
            const int alpha = static_cast<int>(60 + (0.8f - p) / 0.8f * 160);
            out += QStringLiteral("<a href=\"%1\" style=\"text-decoration:none;color:#000000;background-color:rgba(255,140,0,%2)\">%3</a>")
                       .arg(i).arg(alpha).arg(t);
        }
    }
    return out;
}

}  // namespace

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    switch (role) {
    case IdRole: return QVariant::fromValue<qint64>(r.msg.id);
    case RoleRole: return QString::fromStdString(r.msg.role);
    case ContentRole: return r.content;
    case AnswerRole: return split_thinking(r.content).second;
    case ThinkingRole: return split_thinking(r.content).first;
    case SegmentsRole: return r.streaming ? r.shownSegments : split_code_blocks(split_thinking(r.content).second);
    case SegmentCountRole:
        return r.streaming ? r.shownSegments.size() : split_code_blocks(split_thinking(r.content).second).size();
    case SegmentsTailRole: {
        // Done (or stored) replies: all of it, from the first block.
        if (!r.streaming) return QVariantMap{{QStringLiteral("from"), 0}, {QStringLiteral("items"), split_code_blocks(split_thinking(r.content).second)}};
        return QVariantMap{{QStringLiteral("from"), r.changedFrom}, {QStringLiteral("items"), r.shownSegments.mid(r.changedFrom)}};
    }
    case StreamingRole: return r.streaming;
    case SiblingIndexRole: return r.msg.sibling_index;
    case SiblingCountRole: return r.msg.sibling_count;
    case StopReasonRole: return QString::fromStdString(r.msg.stop_reason);
    case ErrorRole: return r.error;
    case ErrorCodeRole: return r.errorCode;
    case ConfidenceRole: return confidence_html(r.spans);
    case HasConfidenceRole: return !r.spans.empty();
    case DetailsRole: {
        if (r.msg.role != "assistant") return QString();
        QStringList parts;
        if (!r.msg.model.empty()) parts << QFileInfo(QString::fromStdString(r.msg.model)).completeBaseName();
        if (!r.msg.quant.empty()) parts << tr("size level %1").arg(QString::fromStdString(r.msg.quant));
        parts << tr("%n tokens", nullptr, static_cast<int>(r.msg.token_count));
        if (r.msg.ttft_ms) parts << tr("first word after %1 ms").arg(integer_words(*r.msg.ttft_ms));
        if (r.msg.tokens_per_s) parts << tr("%1 tokens/s").arg(decimal_words(*r.msg.tokens_per_s, 1));
        if (r.msg.stop_reason == "cancelled") parts << tr("stopped");
        else if (r.msg.stop_reason == "length" || r.msg.stop_reason == "context_full") parts << tr("cut short");
        return parts.join(QStringLiteral(" · "));
    }
    default: return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const {
    return {{IdRole, "messageId"},
            {RoleRole, "role"},
            {ContentRole, "content"},
            {AnswerRole, "answer"},
            {ThinkingRole, "thinking"},
            {SegmentsRole, "segments"},
            {SegmentCountRole, "segmentCount"},
            {SegmentsTailRole, "segmentsTail"},
            {StreamingRole, "streaming"},
            {SiblingIndexRole, "siblingIndex"},
            {SiblingCountRole, "siblingCount"},
            {DetailsRole, "details"},
            {StopReasonRole, "stopReason"},
            {ErrorRole, "errorText"},
            {ErrorCodeRole, "errorCode"},
            {ConfidenceRole, "confidence"},
            {HasConfidenceRole, "hasConfidence"}};
}

void MessageListModel::setMessages(const std::vector<storage::Message>& messages) {
    // Token data of this session's replies survives a reload of the branch.
    pendingRow_ = -1;  // the reset tells everything
    frame_.stop();
    std::vector<Row> old = std::move(rows_);
    beginResetModel();
    rows_.clear();
    for (const auto& m : messages) {
        if (m.role == "system") continue;  // shown in the chat's options, not as a bubble
        Row r;
        r.msg = m;
        r.content = QString::fromStdString(m.content);
        for (auto& o : old)
            if (o.msg.id == m.id && m.id != 0) r.spans = std::move(o.spans);
        if (r.spans.empty()) r.spans = spans_from_records(m);
        rows_.push_back(std::move(r));
    }
    endResetModel();
    emit countChanged();
}

void MessageListModel::clear() { setMessages({}); }

int MessageListModel::appendStreaming(const QString& model, const QString& quant) {
    const int at = count();
    beginInsertRows({}, at, at);
    Row r;
    r.msg.role = "assistant";
    r.msg.model = model.toStdString();
    r.msg.quant = quant.toStdString();
    r.msg.sibling_index = 1;
    r.msg.sibling_count = 1;
    r.streaming = true;
    rows_.push_back(std::move(r));
    endInsertRows();
    emit countChanged();
    return at;
}

void MessageListModel::appendToken(int row, const QString& text, float probability, const QString& alternatives) {
    if (row < 0 || row >= count()) return;
    Row& r = rows_[static_cast<size_t>(row)];
    r.msg.token_count += 1;
    r.spans.push_back({text, probability, alternatives});
    if (text.isEmpty()) return;
    r.content += text;
    if (pendingRow_ >= 0 && pendingRow_ != row) flushTokens();
    pendingRow_ = row;
    if (!frame_.isActive()) frame_.start();
}

void MessageListModel::setMessageId(int row, qint64 id) {
    if (row < 0 || row >= count()) return;
    rows_[static_cast<size_t>(row)].msg.id = id;
    emit dataChanged(index(row), index(row), {IdRole});
}

void MessageListModel::finish(int row, int tokens, double ttftMs, double tokPerS, const QString& stop) {
    if (row < 0 || row >= count()) return;
    if (pendingRow_ == row) pendingRow_ = -1;  // the whole row is told below
    Row& r = rows_[static_cast<size_t>(row)];
    r.streaming = false;
    r.shownSegments.clear();
    r.msg.token_count = tokens;
    r.msg.ttft_ms = static_cast<int64_t>(ttftMs + 0.5);
    if (tokPerS > 0) r.msg.tokens_per_s = tokPerS;
    r.msg.stop_reason = stop.toStdString();
    emit dataChanged(index(row), index(row));
}

void MessageListModel::setError(int row, const QString& code, const QString& message) {
    if (row < 0 || row >= count()) return;
    if (pendingRow_ == row) pendingRow_ = -1;
    Row& r = rows_[static_cast<size_t>(row)];
    r.streaming = false;
    r.shownSegments.clear();
    r.error = message;
    r.errorCode = code;
    r.msg.stop_reason = "error";
    emit dataChanged(index(row), index(row));
}

void MessageListModel::setAlternatives(qint64 messageId, const QStringList& perToken) {
    const int at = rowOfId(messageId);
    if (at < 0) return;
    auto& spans = rows_[static_cast<size_t>(at)].spans;
    for (qsizetype i = 0; i < perToken.size() && i < static_cast<qsizetype>(spans.size()); ++i)
        spans[static_cast<size_t>(i)].alternatives = perToken[i];
}

std::vector<MessageListModel::Span> spans_from_records(const storage::Message& m) {
    std::vector<MessageListModel::Span> out;
    if (m.tokens.empty()) return out;
    const std::string& text = m.content;
    size_t at = 0;
    for (const TokenInfo& t : m.tokens) {
        const size_t end = std::clamp<size_t>(t.end, at, text.size());
        out.push_back({QString::fromUtf8(text.data() + at, static_cast<qsizetype>(end - at)), t.probability, {}});
        at = end;
    }
    if (at < text.size()) out.back().text += QString::fromUtf8(text.data() + at, static_cast<qsizetype>(text.size() - at));
    return out;
}

void MessageListModel::truncate(int rows) {
    if (rows < 0 || rows >= count()) return;
    flushTokens();
    beginRemoveRows({}, rows, count() - 1);
    rows_.resize(static_cast<size_t>(rows));
    endRemoveRows();
    emit countChanged();
}

void MessageListModel::removeRow(int row) {
    if (row < 0 || row >= count()) return;
    flushTokens();
    beginRemoveRows({}, row, row);
    rows_.erase(rows_.begin() + row);
    endRemoveRows();
    emit countChanged();
}

const MessageListModel::Row* MessageListModel::row(int i) const {
    return i >= 0 && i < count() ? &rows_[static_cast<size_t>(i)] : nullptr;
}

int MessageListModel::rowOfId(qint64 id) const {
    for (size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].msg.id == id) return static_cast<int>(i);
    return -1;
}

std::vector<std::pair<std::string, std::string>> MessageListModel::history(int last) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i <= last && i < count(); ++i) {
        const Row& r = rows_[static_cast<size_t>(i)];
        if (!r.error.isEmpty()) continue;
        out.emplace_back(r.msg.role, r.content.toStdString());
    }
    return out;
}

QString MessageListModel::tokenInfo(int row, int token) const {
    const Row* r = this->row(row);
    if (!r || token < 0 || token >= static_cast<int>(r->spans.size())) return {};
    const auto& s = r->spans[static_cast<size_t>(token)];
    const QString sure = tr("“%1”: the model was %2 % sure of this word").arg(s.text.trimmed()).arg(qRound(s.probability * 100));
    return s.alternatives.isEmpty() ? sure : sure + QLatin1Char('\n') + tr("Other candidates: %1").arg(s.alternatives);
}
