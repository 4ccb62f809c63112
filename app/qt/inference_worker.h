// The one inference worker: a QObject that lives on its own QThread and owns everything the
// GPU touches (the Vulkan device inside the backend, the mapped model, the KV cache). The UI
// thread talks to it only through queued calls (load, generate) and one atomic flag (cancel),
// and hears back through queued signals, so it never waits on disk or GPU.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/token_info.h"
#include "inference/sampling/sampler.h"
#include "inference/template/chat_template.h"

namespace hearth::engine {
struct OpenModel;
struct Backend;
class ChatSession;
}  // namespace hearth::engine

// What the indicator bar shows about memory, in bytes. Ours are counted by the engine as it
// allocates; heap figures come from the driver (0 where it does not say).
struct VramSnapshot {
    qint64 weights = 0, kvCache = 0, scratch = 0, otherOurs = 0;
    qint64 heapSize = 0, heapBudget = 0, heapUsage = 0;
    qint64 ours() const { return weights + kvCache + scratch + otherOurs; }
    // Other programs: what the driver keeps from us beyond our own use; 0 when unknown.
    qint64 otherPrograms() const { return heapBudget > 0 && heapSize > heapBudget ? heapSize - heapBudget : 0; }
};

struct LoadedModel {
    QString path, name, architecture, quant, backend;
    int contextSize = 0;
    qint64 fileBytes = 0;
    qint64 predictedBytes = 0;  // weights + KV cache + scratch, from the header, before loading
    bool onCpu = false;         // the GPU path failed for want of a driver; the CPU reference runs
};

struct ReplyRequest {
    quint64 id = 0;
    qint64 conversation = 0;  // the worker keeps one engine session (and its cache claim) per chat
    std::string system;       // the system prompt, "" for none
    std::vector<hearth::ChatMessage> messages;  // the visible branch up to the user's turn
    hearth::sampling::SamplerParams sampler;
    int maxTokens = 512;
    // Drop the oldest turns (never the system prompt) when the conversation does not fit; when
    // false the worker asks instead (contextChoiceNeeded) and generates nothing.
    bool allowDropOldest = false;
};

struct ReplyResult {
    int promptTokens = 0, generatedTokens = 0, droppedMessages = 0;
    double ttftMs = 0, decodeTokPerS = 0, prefillTokPerS = 0;
    QString stopReason;  // stop_reason_code: eos | length | stop | context_full | cancelled
    int reusedTokens = 0;  // prompt tokens the cache already held
    int contextUsed = 0, contextSize = 0;
};

Q_DECLARE_METATYPE(VramSnapshot)
Q_DECLARE_METATYPE(LoadedModel)
Q_DECLARE_METATYPE(ReplyRequest)
Q_DECLARE_METATYPE(ReplyResult)
Q_DECLARE_METATYPE(hearth::TokenInfo)
Q_DECLARE_METATYPE(std::vector<hearth::TokenInfo>)

class InferenceWorker : public QObject {
    Q_OBJECT

public:
    InferenceWorker();
    ~InferenceWorker() override;

    // Any thread: stops reply `id` between tokens, or before it starts when it is still queued.
    void cancelReply(quint64 id);
    // Any thread: stops the model load in progress.
    void cancelLoad() { cancel_.store(true); }

    static void registerTypes();

public slots:
    // Loads a GGUF file on the chosen Vulkan device (-1: the best), replacing the current model.
    void load(const QString& path, int contextSize, int deviceIndex);
    void unload();
    void generate(const ReplyRequest& request);
    // Counts the prompt tokens of messages (for the context meter); answers promptMeasured.
    void measure(quint64 id, const std::string& system, const std::vector<hearth::ChatMessage>& messages);
    // The alternatives of a stored reply's tokens, in words, for the confidence view; answers
    // tokensDescribed when `modelPath` is the model loaded (token ids mean nothing to another).
    void describeTokens(qint64 messageId, const QString& modelPath, const std::vector<hearth::TokenInfo>& tokens);

signals:
    void loadStarted(const QString& path);
    void loadProgress(double fraction);
    void loaded(const LoadedModel& model);
    void loadFailed(const QString& path, const QString& code, const QString& message);
    void unloaded();
    // The conversation fits (after dropping `droppedMessages` when allowed): tokens follow.
    void replyStarted(quint64 id, int promptTokens, int contextSize, int droppedMessages);
    // One token: its text (thinking or answer), the model's probability for it, and the
    // alternatives it weighed, in words ("“ the” 41 % · “ a” 12 %"), and the engine's data for it
    // (what storage keeps).
    void token(quint64 id, const QString& text, float probability, bool thinking, const QString& alternatives,
               const hearth::TokenInfo& info);
    void replyFinished(quint64 id, const ReplyResult& result);
    void replyFailed(quint64 id, const QString& code, const QString& message);
    // The conversation no longer fits: dropping `droppedMessages` of the oldest would make it fit.
    void contextChoiceNeeded(quint64 id, int promptTokens, int contextSize, int droppedMessages);
    void promptMeasured(quint64 id, int promptTokens, int contextSize);
    void tokensDescribed(qint64 messageId, const QStringList& alternatives);
    void vramChanged(const VramSnapshot& vram);
    // Decode's share of the device's memory bandwidth (0..1), after each reply; < 0 unknown.
    void bandwidthShare(double share, double copyGbps);

private:
    void emitVram();
    void measureCopyBandwidth(int deviceIndex);
    // The chat's engine session, brought in line with `system` and `messages` (only the tail
    // that differs from what it holds is replaced, so the cache is reused).
    hearth::engine::ChatSession& sessionFor(qint64 conversation, const std::string& system,
                                            const std::vector<hearth::ChatMessage>& messages);

    std::atomic<bool> cancel_{false};
    std::atomic<quint64> running_{0};      // the reply being generated
    std::atomic<quint64> cancelUpTo_{0};   // replies with ids up to this one are cancelled
    std::unique_ptr<hearth::engine::OpenModel> model_;
    std::unique_ptr<hearth::engine::Backend> backend_;
    // One session per chat, the most recently used last; a few are kept.
    std::vector<std::pair<qint64, std::unique_ptr<hearth::engine::ChatSession>>> sessions_;
    LoadedModel info_;
    double copyGbps_ = 0;  // read+write, measured once per device
    qint64 matrixBytes_ = 0;
};

// Owns the worker's thread: starts it, and at the end stops it after the worker is gone.
class InferenceThread {
public:
    InferenceThread();
    ~InferenceThread();
    InferenceWorker* worker() const { return worker_; }

private:
    QThread thread_;
    InferenceWorker* worker_;
};
