#include "app/qt/chat_controller.h"

#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QRandomGenerator>

#include "storage/conversations.h"
#include "storage/messages.h"
#include "storage/reply_appender.h"

using namespace hearth;

std::pair<QString, QString> explain_error(const QString& code, const QString& message) {
    if (code == QLatin1String("vulkan.out_of_memory"))
        return {ChatController::tr("The model ran out of GPU memory. Use a smaller size or a shorter context."),
                QStringLiteral("smaller")};
    if (code == QLatin1String("app.no_model")) return {message, QStringLiteral("models")};
    if (code.startsWith(QLatin1String("gguf.")) || code.startsWith(QLatin1String("arch.")) ||
        code.startsWith(QLatin1String("tokenizer.")) || code == QLatin1String("engine.vocab_mismatch"))
        return {ChatController::tr("This model file could not be opened: %1 Pick another model, or download it again.")
                    .arg(message),
                QStringLiteral("models")};
    if (code == QLatin1String("vulkan.device_lost"))
        return {ChatController::tr("The graphics driver stopped responding. Try again; if it happens again, restart Hearth."),
                QStringLiteral("retry")};
    if (code == QLatin1String("app.too_long")) return {message, QString()};
    return {message, QStringLiteral("retry")};
}

ChatController::ChatController(InferenceWorker* worker, QObject* parent)
    : QObject(parent), worker_(worker), db_(this), sampling_(preset_sampling(QStringLiteral("balanced"))) {
    connect(worker_, &InferenceWorker::replyStarted, this,
            [this](quint64 id, int, int, int dropped) {
                if (reply_ && reply_->id == id && dropped > 0) {
                    droppedOldest_ += dropped;
                    storeOptions();  // the choice holds after a restart too
                }
                onStarted(id);
            });
    connect(worker_, &InferenceWorker::token, this, &ChatController::onToken);
    connect(worker_, &InferenceWorker::replyFinished, this, &ChatController::onFinished);
    connect(worker_, &InferenceWorker::replyFailed, this, &ChatController::onFailed);
    connect(worker_, &InferenceWorker::contextChoiceNeeded, this, &ChatController::onContextChoice);
    connect(worker_, &InferenceWorker::tokensDescribed, &messages_, &MessageListModel::setAlternatives);
    connect(worker_, &InferenceWorker::promptMeasured, this, [this](quint64, int used, int size) {
        contextUsed_ = used;
        contextSize_ = size;
        emit contextChanged();
    });
}

ChatController::~ChatController() {
    if (reply_) worker_->cancelReply(reply_->id);
}

void ChatController::attach(storage::Database* db) { db_.attach(db); }

void ChatController::setError(const QString& text, const QString& fix) {
    errorText_ = text;
    errorFix_ = fix;
    emit errorChanged();
}

void ChatController::dismissError() { setError({}, {}); }

void ChatController::setBusyReply(std::optional<Reply> r) {
    const bool was = busy();
    reply_ = std::move(r);
    if (was != busy()) emit busyChanged();
}

void ChatController::setLoadedModel(const LoadedModel& m) {
    loaded_ = m;
    if (conversationId_ == 0 || modelPath_.isEmpty()) modelPath_ = m.path;
    contextSize_ = m.contextSize;
    emit contextChanged();
    emit conversationChanged();
    if (errorFix_ == QLatin1String("models")) dismissError();
}

// ---- opening ----

void ChatController::newChat() {
    if (reply_) stop();
    setBusyReply(std::nullopt);
    pendingChoice_.reset();
    emit contextChoiceChanged();
    conversationId_ = 0;
    droppedOldest_ = 0;
    nextTitle_.clear();
    title_.clear();
    systemPrompt_.clear();
    modelPath_ = loaded_ ? loaded_->path : QString();
    sampling_ = preset_sampling(QStringLiteral("balanced"));
    messages_.clear();
    contextUsed_ = 0;
    dismissError();
    emit conversationChanged();
    emit optionsChanged();
    emit contextChanged();
}

void ChatController::open(qint64 id) {
    if (id == conversationId_ && !reply_) return;
    newChat();
    conversationId_ = id;
    emit conversationChanged();
    loadPath(id, true);
}

void ChatController::loadPath(qint64 conversation, bool opening) {
    struct Loaded {
        storage::Conversation conv;
        std::vector<storage::Message> messages;
    };
    loadingMessages_ = true;
    emit loadingMessagesChanged();
    db_.read<std::shared_ptr<Loaded>>(
        [conversation](storage::Connection& c) -> Result<std::shared_ptr<Loaded>> {
            auto conv = storage::get_conversation(c, conversation);
            if (!conv) return conv.error();
            auto path = storage::active_path(c, conversation);
            if (!path) return path.error();
            return std::make_shared<Loaded>(Loaded{std::move(*conv), std::move(*path)});
        },
        [this, conversation, opening](Result<std::shared_ptr<Loaded>> r) {
            if (conversation != conversationId_) return;
            loadingMessages_ = false;
            emit loadingMessagesChanged();
            if (!r) {
                setError(QString::fromStdString(r.error().message), QString());
                return;
            }
            const auto& l = **r;
            title_ = QString::fromStdString(l.conv.title);
            systemPrompt_ = QString::fromStdString(l.conv.system_prompt);
            sampling_ = sampling_from_json(l.conv.sampling_json);
            // Read once, when the chat is opened: later reloads (an edit, a branch switch) may
            // come before the count's own write is done.
            if (opening) droppedOldest_ = dropped_oldest_from_json(l.conv.sampling_json);
            modelPath_ = QString::fromStdString(l.conv.model);
            messages_.setMessages(l.messages);
            emit conversationChanged();
            emit optionsChanged();
            if (!modelPath_.isEmpty() && (!loaded_ || loaded_->path != modelPath_)) emit modelWanted(modelPath_);
            // Stored replies' alternatives are token ids: the worker has the words (when it has the model).
            for (const auto& m : l.messages) {
                if (m.tokens.empty() || m.id == 0) continue;
                QMetaObject::invokeMethod(
                    worker_, [w = worker_, id = m.id, model = QString::fromStdString(m.model), tokens = m.tokens] {
                        w->describeTokens(id, model, tokens);
                    }, Qt::QueuedConnection);
            }
            std::vector<ChatMessage> msgs;
            for (auto& [role, text] : modelHistory(messages_.count() - 1)) msgs.push_back({role, text});
            QMetaObject::invokeMethod(
                worker_, [w = worker_, msgs, sys = systemPrompt_.toStdString(), id = conversation] { w->measure(static_cast<quint64>(id), sys, msgs); },
                Qt::QueuedConnection);
        });
}

// ---- sending ----

std::vector<std::pair<std::string, std::string>> ChatController::modelHistory(int last) const {
    auto h = messages_.history(last);
    // An edit inside the dropped part brings that part back; the fit decides again.
    if (droppedOldest_ > 0 && static_cast<size_t>(droppedOldest_) < h.size())
        h.erase(h.begin(), h.begin() + droppedOldest_);
    return h;
}

void ChatController::ensureConversation(const QString& firstText, std::function<void()> then) {
    if (conversationId_ != 0) {
        then();
        return;
    }
    QString title = firstText.simplified();
    if (title.size() > 48) title = title.left(47) + QChar(0x2026);
    if (!nextTitle_.isEmpty()) title = std::exchange(nextTitle_, QString());
    storage::NewConversation nc;
    nc.title = title.toStdString();
    nc.model = modelPath_.toStdString();
    nc.system_prompt = systemPrompt_.toStdString();
    nc.sampling_json = to_json(sampling_);
    db_.write<int64_t>([nc](storage::Connection& c) { return storage::create_conversation(c, nc); },
                       [this, title, then = std::move(then)](Result<int64_t> id) {
                           if (!id) {
                               setBusyReply(std::nullopt);
                               setError(QString::fromStdString(id.error().message), QStringLiteral("retry"));
                               return;
                           }
                           conversationId_ = *id;
                           title_ = title;
                           emit conversationChanged();
                           emit conversationTouched(*id);
                           then();
                       });
}

void ChatController::send(const QString& text) {
    const QString t = text.trimmed();
    if (t.isEmpty() || busy() || pendingChoice_) return;
    if (!loaded_) {
        setError(tr("No model is loaded yet. Pick one under Models, or get the small demo model."),
                 QStringLiteral("models"));
        return;
    }
    dismissError();
    // Shown at once; the stored copy replaces it when the write is done.
    storage::Message shown;
    shown.role = "user";
    shown.content = t.toStdString();
    std::vector<storage::Message> now;
    for (int i = 0; i < messages_.count(); ++i) {
        now.push_back(messages_.row(i)->msg);
        now.back().content = messages_.row(i)->content.toStdString();
    }
    now.push_back(shown);
    messages_.setMessages(now);
    setBusyReply(Reply{});  // busy from here: a second Enter must not send twice
    ensureConversation(t, [this, t] {
        const qint64 conv = conversationId_;
        const std::string content = t.toStdString();
        writeUserMessageAndReply(conv, [conv, content](storage::Connection& c) {
            return storage::append_message(c, conv, {.role = "user", .content = content});
        });
    });
}

void ChatController::writeUserMessageAndReply(qint64 conv, std::function<Result<int64_t>(storage::Connection&)> write) {
    struct Written {
        int64_t id = 0;
        std::vector<storage::Message> path;
    };
    db_.write<std::shared_ptr<Written>>(
        [conv, write = std::move(write)](storage::Connection& c) -> Result<std::shared_ptr<Written>> {
            auto id = write(c);
            if (!id) return id.error();
            auto path = storage::active_path(c, conv);
            if (!path) return path.error();
            return std::make_shared<Written>(Written{*id, std::move(*path)});
        },
        [this, conv](Result<std::shared_ptr<Written>> r) {
            setBusyReply(std::nullopt);
            if (conv != conversationId_) return;
            if (!r) {
                setError(QString::fromStdString(r.error().message), QStringLiteral("retry"));
                return;
            }
            messages_.setMessages((*r)->path);
            emit conversationTouched(conv);
            requestReply((*r)->id, modelHistory(messages_.count() - 1), false);
        });
}

void ChatController::requestReply(int64_t parent, std::vector<std::pair<std::string, std::string>> history,
                                  bool allowDrop) {
    if (!loaded_) {
        setError(tr("No model is loaded yet. Pick one under Models, or get the small demo model."),
                 QStringLiteral("models"));
        return;
    }
    Reply r;
    r.id = ++nextRequest_;
    r.parent = parent;
    r.row = messages_.appendStreaming(loaded_->path, loaded_->quant);
    ReplyRequest req;
    req.id = r.id;
    req.conversation = conversationId_;
    req.system = systemPrompt_.toStdString();
    for (auto& [role, text] : history) req.messages.push_back({role, text});
    req.sampler = sampling_.params;
    if (sampling_.randomSeed) req.sampler.seed = QRandomGenerator::global()->generate64();
    req.maxTokens = sampling_.maxTokens;
    req.allowDropOldest = allowDrop;
    lastHistory_ = std::move(history);
    setBusyReply(std::move(r));
    QMetaObject::invokeMethod(worker_, [w = worker_, req] { w->generate(req); }, Qt::QueuedConnection);
}

void ChatController::onStarted(quint64 id) {
    if (!reply_ || reply_->id != id || !loaded_) return;
    const qint64 conv = conversationId_;
    const int64_t parent = *reply_->parent;
    storage::NewMessage m;
    m.role = "assistant";
    m.model = loaded_->path.toStdString();
    m.quant = loaded_->quant.toStdString();
    db_.write<int64_t>([conv, parent, m](storage::Connection& c) { return storage::add_message(c, conv, parent, m); },
                       [this, id](Result<int64_t> mid) {
                           if (!reply_ || reply_->id != id) return;
                           if (!mid) {
                               onFailed(id, QString::fromStdString(mid.error().code),
                                        QString::fromStdString(mid.error().message));
                               worker_->cancelReply(id);
                               return;
                           }
                           reply_->messageId = *mid;
                           messages_.setMessageId(reply_->row, *mid);
                           storage::AppenderOptions o;
                           o.record_probs = true;
                           reply_->appender = std::make_unique<storage::ReplyAppender>(*db_.get(), *mid, o);
                           for (auto& [info, text] : reply_->buffered) reply_->appender->add_token(info, text);
                           reply_->buffered.clear();
                           if (reply_->result || reply_->failed) completeReply();
                       });
}

void ChatController::onToken(quint64 id, const QString& text, float probability, bool thinking, const QString& alternatives,
                             const TokenInfo& info) {
    if (!reply_ || reply_->id != id) return;
    // The thinking is kept in the message between <think> tags, as thinking models write it,
    // so one stored text holds both parts and split_thinking() takes them apart again.
    QString piece = text;
    if (thinking && !reply_->inThinking && !text.isEmpty()) {
        piece.prepend(QStringLiteral("<think>"));
        reply_->inThinking = true;
    } else if (!thinking && reply_->inThinking && (!text.isEmpty() || info.token < 0)) {  // < 0: the reply ended
        piece.prepend(QStringLiteral("</think>"));
        reply_->inThinking = false;
    }
    const std::string utf8 = piece.toStdString();
    // The whole text, thinking tags included, is stored as the answer, so each token's record is
    // filed under the answer with its byte range in that text (for the confidence view on reload).
    TokenInfo record = info;
    record.part = ReplyPart::Answer;
    record.begin = static_cast<uint32_t>(reply_->storedBytes + (utf8.size() - text.toUtf8().size()));
    record.end = static_cast<uint32_t>(reply_->storedBytes + utf8.size());
    reply_->storedBytes += utf8.size();
    if (reply_->appender) reply_->appender->add_token(record, utf8);
    else reply_->buffered.emplace_back(record, utf8);
    messages_.appendToken(reply_->row, piece, probability, alternatives);
}

void ChatController::onFinished(quint64 id, const ReplyResult& r) {
    if (!reply_ || reply_->id != id) return;
    reply_->result = r;
    contextUsed_ = r.contextUsed;
    contextSize_ = r.contextSize;
    emit contextChanged();
    if (reply_->messageId) completeReply();
}

void ChatController::onFailed(quint64 id, const QString& code, const QString& message) {
    if (!reply_ || reply_->id != id) return;
    reply_->failed = true;
    reply_->failCode = code;
    reply_->failMessage = message;
    if (reply_->messageId || reply_->row < 0) {
        completeReply();
        return;
    }
    // Failed before the reply was stored (e.g. no model): shown in place, nothing to store.
    const auto [text, fix] = explain_error(code, message);
    messages_.setError(reply_->row, fix, text);
    setBusyReply(std::nullopt);
    emit replyDone(QStringLiteral("error"));
}

void ChatController::completeReply() {
    if (reply_->inThinking) onToken(reply_->id, QString(), 1.0f, false, {}, TokenInfo{});
    Reply r = std::move(*reply_);
    storage::ReplyStats stats;
    if (r.result) {
        stats.ttft_ms = static_cast<int64_t>(r.result->ttftMs + 0.5);
        if (r.result->decodeTokPerS > 0) stats.tokens_per_s = r.result->decodeTokPerS;
        stats.stop_reason = r.result->stopReason.toStdString();
    } else {
        stats.stop_reason = "error";
    }
    if (r.appender) {
        (void)r.appender->finish(stats);  // the write completes on the storage thread
        r.appender.reset();
    }
    setBusyReply(std::nullopt);
    if (r.failed) {
        const auto [text, fix] = explain_error(r.failCode, r.failMessage);
        messages_.setError(r.row, fix, text);
        emit replyDone(QStringLiteral("error"));
        return;
    }
    messages_.finish(r.row, r.result->generatedTokens, r.result->ttftMs, r.result->decodeTokPerS,
                     r.result->stopReason);
    emit conversationTouched(conversationId_);
    // Sibling counts changed (a regenerated reply is a new sibling): read the branch again.
    // Writes run in order, so this empty one completes after the appender's last batch. Until
    // the branch is read again the list counts as loading (the new reply's siblings are unknown).
    const qint64 conv = conversationId_;
    loadingMessages_ = true;
    emit loadingMessagesChanged();
    db_.write<bool>([](storage::Connection&) -> Result<bool> { return true; },
                    [this, conv](Result<bool>) {
                        if (conv == conversationId_ && !busy()) {
                            loadPath(conv);
                        } else {
                            loadingMessages_ = false;
                            emit loadingMessagesChanged();
                        }
                    });
    emit replyDone(r.result->stopReason);
}

void ChatController::stop() {
    if (reply_ && reply_->id != 0) worker_->cancelReply(reply_->id);
}

void ChatController::regenerate(int row) {
    const auto* r = messages_.row(row);
    if (busy() || !r || r->msg.role != "assistant" || !r->msg.parent_id) return;
    const int64_t parent = *r->msg.parent_id;
    auto history = modelHistory(row - 1);
    messages_.truncate(row);
    requestReply(parent, std::move(history), false);
}

void ChatController::editAndResend(int row, const QString& text) {
    const auto* r = messages_.row(row);
    const std::string content = text.trimmed().toStdString();
    if (busy() || !r || r->msg.role != "user" || content.empty() || r->msg.id == 0) return;
    const int64_t mid = r->msg.id;
    const qint64 conv = conversationId_;
    setBusyReply(Reply{});
    writeUserMessageAndReply(conv, [mid, content](storage::Connection& c) { return storage::edit_message(c, mid, content); });
}

void ChatController::switchBranch(int row, int delta) {
    const auto* r = messages_.row(row);
    if (busy() || !r || r->msg.id == 0) return;
    const int64_t mid = r->msg.id;
    const qint64 conv = conversationId_;
    db_.write<int64_t>(
        [mid, delta](storage::Connection& c) -> Result<int64_t> {
            auto sib = storage::list_siblings(c, mid);
            if (!sib) return sib.error();
            int at = 0;
            for (size_t i = 0; i < sib->size(); ++i)
                if ((*sib)[i].id == mid) at = static_cast<int>(i);
            const int to = at + delta;
            if (to < 0 || to >= static_cast<int>(sib->size())) return mid;
            return storage::switch_branch(c, (*sib)[static_cast<size_t>(to)].id);
        },
        [this, conv](Result<int64_t> leaf) {
            if (conv != conversationId_) return;
            if (!leaf) setError(QString::fromStdString(leaf.error().message), QString());
            loadPath(conv);
        });
}

void ChatController::copyText(const QString& text) const {
    if (auto* cb = QGuiApplication::clipboard()) cb->setText(text);
}

void ChatController::onContextChoice(quint64 id, int, int, int dropped) {
    if (!reply_ || reply_->id != id) return;
    Reply r = std::move(*reply_);
    setBusyReply(std::nullopt);
    messages_.removeRow(r.row);
    pendingChoice_ = PendingChoice{*r.parent, lastHistory_.value_or(decltype(lastHistory_)::value_type{}), dropped};
    emit contextChoiceChanged();
}

void ChatController::resolveContext(const QString& choice) {
    if (!pendingChoice_) return;
    PendingChoice p = std::move(*pendingChoice_);
    pendingChoice_.reset();
    emit contextChoiceChanged();
    if (choice == QLatin1String("drop")) {
        requestReply(p.parent, std::move(p.history), true);
    } else if (choice == QLatin1String("newchat") && !p.history.empty()) {
        const QString last = QString::fromStdString(p.history.back().second);
        const QString oldTitle = title_;
        const QString keepSystem = systemPrompt_;
        const ChatSampling keepSampling = sampling_;
        // The summary line: what the chat was about, in the user's own earlier words.
        QStringList asked;
        for (size_t i = 0; i + 1 < p.history.size(); ++i)
            if (p.history[i].first == "user") asked << QString::fromStdString(p.history[i].second).simplified().left(80);
        QString earlier = asked.join(QStringLiteral(" / "));
        if (earlier.size() > 300) earlier = earlier.left(299) + QChar(0x2026);
        newChat();
        QString summary = tr("This chat continues “%1”, which grew too long for the model's memory.").arg(oldTitle);
        if (!earlier.isEmpty()) summary += QLatin1Char(' ') + tr("Earlier the user asked: %1").arg(earlier);
        systemPrompt_ = keepSystem.isEmpty() ? summary : keepSystem + QLatin1Char('\n') + summary;
        sampling_ = keepSampling;
        nextTitle_ = tr("Continued: %1").arg(oldTitle);
        emit optionsChanged();
        send(last);
    }
}

// ---- options ----

void ChatController::saveOptions() {
    emit optionsChanged();
    storeOptions();
}

void ChatController::storeOptions() {
    if (conversationId_ == 0) return;
    const qint64 id = conversationId_;
    const std::string model = modelPath_.toStdString(), sys = systemPrompt_.toStdString(),
                      json = to_json(sampling_, droppedOldest_);
    db_.write<bool>([id, model, sys, json](storage::Connection& c) {
        return as_bool(storage::set_conversation_options(c, id, model, sys, json));
    });
}

void ChatController::setSystemPrompt(const QString& text) {
    if (text == systemPrompt_) return;
    systemPrompt_ = text;
    saveOptions();
}

void ChatController::setPreset(const QString& preset) {
    const int max = sampling_.maxTokens;
    const bool random = sampling_.randomSeed;
    const uint64_t seed = sampling_.params.seed;
    sampling_ = preset_sampling(preset);
    sampling_.maxTokens = max;
    sampling_.randomSeed = random;
    sampling_.params.seed = seed;
    saveOptions();
}

void ChatController::setTemperature(double v) {
    sampling_.params.temperature = static_cast<float>(v);
    sampling_.preset = QStringLiteral("custom");
    saveOptions();
}
void ChatController::setTopK(int v) {
    sampling_.params.top_k = v;
    sampling_.preset = QStringLiteral("custom");
    saveOptions();
}
void ChatController::setTopP(double v) {
    sampling_.params.top_p = static_cast<float>(v);
    sampling_.preset = QStringLiteral("custom");
    saveOptions();
}
void ChatController::setMinP(double v) {
    sampling_.params.min_p = static_cast<float>(v);
    sampling_.preset = QStringLiteral("custom");
    saveOptions();
}
void ChatController::setRepeatPenalty(double v) {
    sampling_.params.repeat_penalty = static_cast<float>(v);
    sampling_.preset = QStringLiteral("custom");
    saveOptions();
}
void ChatController::setSeed(const QString& v) {
    bool ok = false;
    const qulonglong s = v.trimmed().toULongLong(&ok);
    sampling_.randomSeed = !ok;
    if (ok) sampling_.params.seed = s;
    saveOptions();
}
void ChatController::setMaxTokens(int v) {
    sampling_.maxTokens = std::max(1, v);
    saveOptions();
}
