// The visible branch of one chat, oldest first. A streamed token changes one row (the reply in
// progress) and only its text roles, and the change is told at most once a frame (tokens that
// arrive within one 16 ms frame are one update), so the list view re-lays out one delegate per
// frame however fast the model writes.
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <optional>
#include <utility>
#include <vector>

#include "storage/chat_types.h"

class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by the app")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        RoleRole,
        ContentRole,     // the whole text, as stored
        AnswerRole,      // the text without the thinking part
        ThinkingRole,    // the model's thinking (<think>...</think>), "" when none
        SegmentsRole,    // the answer split into Markdown text and code blocks
        StreamingRole,
        SiblingIndexRole,
        SiblingCountRole,
        DetailsRole,     // model, size level, tokens, time to first token, speed
        StopReasonRole,
        ErrorRole,       // what went wrong with this reply, in plain words
        ErrorCodeRole,
        ConfidenceRole,  // rich text: low-probability tokens shaded, each a link for hovering
        HasConfidenceRole,
        SegmentCountRole,  // how many blocks SegmentsRole has
        // {from, items}: the blocks from the first one the last streamed update changed. A
        // token tells the views this and the count, not the whole list: converting every block
        // for QML on every token made a token cost more the longer the reply grew.
        SegmentsTailRole,
    };

    struct Span {
        QString text;
        float probability = 1.0f;
        QString alternatives;  // what else the model weighed, in words
    };
    struct Row {
        hearth::storage::Message msg;
        QString content;
        bool streaming = false;
        QString error, errorCode;
        std::vector<Span> spans;  // per token: streamed now, or read back from the stored token data
        // While streaming: the blocks as the views were last told, and the first that changed then.
        QVariantList shownSegments;
        int changedFrom = 0;
    };

    explicit MessageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(rows_.size()); }

    void setMessages(const std::vector<hearth::storage::Message>& messages);
    void clear();
    // Adds the reply being written (id 0 until stored); returns its row.
    int appendStreaming(const QString& model, const QString& quant);
    void appendToken(int row, const QString& text, float probability, const QString& alternatives = {});
    // Tells the views now about tokens appended since the last frame (otherwise the frame timer does).
    void flushTokens();
    void setMessageId(int row, qint64 id);
    void finish(int row, int tokens, double ttftMs, double tokPerS, const QString& stop);
    void setError(int row, const QString& code, const QString& message);
    void removeRow(int row);
    // The words for the alternatives of a stored reply's tokens (one per token, in order), once
    // the inference worker has turned their token ids into text.
    void setAlternatives(qint64 messageId, const QStringList& perToken);
    void truncate(int rows);  // keeps the first `rows`

    const Row* row(int i) const;
    int rowOfId(qint64 id) const;
    // The messages up to and including row `last`, as the chat template wants them.
    std::vector<std::pair<std::string, std::string>> history(int last) const;

    // The probability and the text of token `token` of row `row` ("42 % sure").
    Q_INVOKABLE QString tokenInfo(int row, int token) const;

signals:
    void countChanged();

private:
    std::vector<Row> rows_;
    int pendingRow_ = -1;  // the row whose streamed text the views have not been told about yet
    QTimer frame_;
};

// The thinking and the answer of a reply: "<think>a</think>b" -> {"a", "b"}; an open <think>
// (still streaming) is all thinking.
std::pair<QString, QString> split_thinking(const QString& content);
// A stored reply's per-token spans from its token data: each record's byte range of the text
// (the app files every record under the answer, its range pointing into the stored text, thinking
// tags included). Text no record covers joins the next record's span (the last one's at the end),
// so the spans always add up to the whole text. Empty when the reply has no token data.
std::vector<MessageListModel::Span> spans_from_records(const hearth::storage::Message& m);
// Markdown text and fenced code blocks, in order: [{kind: "text"|"code", text, language}]. An
// unclosed fence (mid-stream) runs to the end. Text is cut into its paragraphs where that cannot
// change its meaning (not inside lists), so that a growing reply changes only its last block.
QVariantList split_code_blocks(const QString& markdown);
