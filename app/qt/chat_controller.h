// One open chat: its messages, its options (model, system prompt, sampling) and the reply in
// progress. Sending writes the user's message, asks the inference worker for a reply, and
// streams the tokens into the message list and, in batches, into the database. Stop,
// regenerate, edit-and-resend and branch switching all keep every earlier text (the message
// tree in storage). When the chat outgrows the model's context, the user chooses what to do.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/qt/async_db.h"
#include "app/qt/inference_worker.h"
#include "app/qt/message_list_model.h"
#include "app/qt/sampling_preset.h"
#include "storage/chat_types.h"

namespace hearth::storage {
class ReplyAppender;
}

class ChatController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by the app")
    Q_PROPERTY(qint64 conversationId READ conversationId NOTIFY conversationChanged)
    Q_PROPERTY(QString title READ title NOTIFY conversationChanged)
    Q_PROPERTY(MessageListModel* messages READ messages CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool loadingMessages READ loadingMessages NOTIFY loadingMessagesChanged)
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY optionsChanged)
    Q_PROPERTY(QString preset READ preset WRITE setPreset NOTIFY optionsChanged)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY optionsChanged)
    Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY optionsChanged)
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY optionsChanged)
    Q_PROPERTY(double minP READ minP WRITE setMinP NOTIFY optionsChanged)
    Q_PROPERTY(double repeatPenalty READ repeatPenalty WRITE setRepeatPenalty NOTIFY optionsChanged)
    Q_PROPERTY(QString seed READ seed WRITE setSeed NOTIFY optionsChanged)
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY optionsChanged)
    Q_PROPERTY(QString modelPath READ modelPath NOTIFY conversationChanged)
    Q_PROPERTY(int contextUsed READ contextUsed NOTIFY contextChanged)
    Q_PROPERTY(int contextSize READ contextSize NOTIFY contextChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorChanged)
    Q_PROPERTY(QString errorFix READ errorFix NOTIFY errorChanged)
    Q_PROPERTY(bool contextChoicePending READ contextChoicePending NOTIFY contextChoiceChanged)
    Q_PROPERTY(int contextChoiceDrop READ contextChoiceDrop NOTIFY contextChoiceChanged)

public:
    ChatController(InferenceWorker* worker, QObject* parent = nullptr);
    ~ChatController() override;

    void attach(hearth::storage::Database* db);

    qint64 conversationId() const { return conversationId_; }
    QString title() const { return title_; }
    MessageListModel* messages() { return &messages_; }
    bool busy() const { return reply_.has_value(); }
    bool loadingMessages() const { return loadingMessages_; }
    QString systemPrompt() const { return systemPrompt_; }
    void setSystemPrompt(const QString& text);
    QString preset() const { return sampling_.preset; }
    void setPreset(const QString& preset);
    double temperature() const { return sampling_.params.temperature; }
    void setTemperature(double v);
    int topK() const { return sampling_.params.top_k; }
    void setTopK(int v);
    double topP() const { return sampling_.params.top_p; }
    void setTopP(double v);
    double minP() const { return sampling_.params.min_p; }
    void setMinP(double v);
    double repeatPenalty() const { return sampling_.params.repeat_penalty; }
    void setRepeatPenalty(double v);
    QString seed() const { return sampling_.randomSeed ? QString() : QString::number(sampling_.params.seed); }
    void setSeed(const QString& v);  // "" = a new random seed for every reply
    int maxTokens() const { return sampling_.maxTokens; }
    void setMaxTokens(int v);
    QString modelPath() const { return modelPath_; }
    int contextUsed() const { return contextUsed_; }
    int contextSize() const { return contextSize_; }
    QString errorText() const { return errorText_; }
    QString errorFix() const { return errorFix_; }
    bool contextChoicePending() const { return pendingChoice_.has_value(); }
    int contextChoiceDrop() const { return pendingChoice_ ? pendingChoice_->dropped : 0; }

    Q_INVOKABLE void open(qint64 id);
    Q_INVOKABLE void newChat();  // an empty chat; it is stored with the first message
    Q_INVOKABLE void send(const QString& text);
    Q_INVOKABLE void stop();
    Q_INVOKABLE void regenerate(int row);
    Q_INVOKABLE void editAndResend(int row, const QString& text);
    Q_INVOKABLE void switchBranch(int row, int delta);  // -1 previous, +1 next sibling
    Q_INVOKABLE void copyText(const QString& text) const;
    // The answer to "the chat no longer fits": "drop" the oldest turns, or "newchat" with a
    // summary line; anything else leaves the message unanswered.
    Q_INVOKABLE void resolveContext(const QString& choice);
    Q_INVOKABLE void dismissError();

    // The model the worker has loaded (the chat uses it for new replies).
    void setLoadedModel(const LoadedModel& m);
    void setModelMissing() { loaded_.reset(); }

signals:
    void conversationChanged();
    void busyChanged();
    void loadingMessagesChanged();
    void optionsChanged();
    void contextChanged();
    void errorChanged();
    void contextChoiceChanged();
    // A chat was created or changed (for the chat list).
    void conversationTouched(qint64 id);
    // The chat was made with another model file than the one loaded.
    void modelWanted(const QString& path);
    void replyDone(const QString& stopReason);

private:
    struct Reply {
        quint64 id = 0;
        int row = -1;
        std::optional<int64_t> parent;   // the user message it answers
        std::optional<int64_t> messageId;  // set once the assistant message is stored
        std::vector<std::pair<hearth::TokenInfo, std::string>> buffered;  // tokens that came before that
        size_t storedBytes = 0;  // of the reply's stored text so far: where the next token's bytes begin
        std::unique_ptr<hearth::storage::ReplyAppender> appender;
        std::optional<ReplyResult> result;
        QString failCode, failMessage;
        bool failed = false;
        bool inThinking = false;  // the last text was the model's thinking (<think> is open)
    };
    struct PendingChoice {
        int64_t parent = 0;
        std::vector<std::pair<std::string, std::string>> history;
        int dropped = 0;
    };

    void loadPath(qint64 conversation, bool opening = false);  // opening: the chat was just opened
    // Runs `write` (which stores the user's message and returns its id), shows the branch it
    // leads to and asks for the reply: the end of both send and edit-and-resend.
    void writeUserMessageAndReply(qint64 conv, std::function<hearth::Result<int64_t>(hearth::storage::Connection&)> write);
    void requestReply(int64_t parent, std::vector<std::pair<std::string, std::string>> history, bool allowDrop);
    void onStarted(quint64 id);
    void onToken(quint64 id, const QString& text, float probability, bool thinking, const QString& alternatives,
                 const hearth::TokenInfo& info);
    void onFinished(quint64 id, const ReplyResult& r);
    void onFailed(quint64 id, const QString& code, const QString& message);
    void onContextChoice(quint64 id, int promptTokens, int contextSize, int dropped);
    void completeReply();
    void saveOptions();   // tells the views and stores
    void storeOptions();  // the chat's options (and its context choice) into the database
    void setError(const QString& text, const QString& fix);
    void ensureConversation(const QString& firstText, std::function<void()> then);
    void setBusyReply(std::optional<Reply> r);

    InferenceWorker* worker_;
    AsyncDb db_;
    MessageListModel messages_;
    qint64 conversationId_ = 0;
    QString title_;
    QString modelPath_;
    QString systemPrompt_;
    ChatSampling sampling_;
    std::optional<LoadedModel> loaded_;
    std::optional<Reply> reply_;
    std::optional<PendingChoice> pendingChoice_;
    std::optional<std::vector<std::pair<std::string, std::string>>> lastHistory_;
    // How many of the branch's oldest messages the user chose to leave out of the model's view
    // ("drop"); later turns leave them out too, so the question comes again only when the
    // chat outgrows the context once more. Stored with the chat's options, read back on open.
    int droppedOldest_ = 0;
    // The history a reply is asked with: the branch up to `last` without the dropped messages.
    std::vector<std::pair<std::string, std::string>> modelHistory(int last) const;
    QString nextTitle_;  // the title the next stored chat gets instead of its first words
    quint64 nextRequest_ = 0;
    int contextUsed_ = 0, contextSize_ = 0;
    bool loadingMessages_ = false;
    QString errorText_, errorFix_;
};

// A plain-words message and the fixing action for an engine or storage error code:
// {message, fix} where fix is "models" (open Models), "smaller" (a smaller size or shorter
// context), "retry" or "".
std::pair<QString, QString> explain_error(const QString& code, const QString& message);
