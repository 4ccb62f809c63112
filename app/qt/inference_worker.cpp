#include "app/qt/inference_worker.h"

#include <QFileInfo>
#include <algorithm>
#include <chrono>

#include "app/qt/message_list_model.h"
#include "app/qt/quant_accuracy.h"
#include "base/stop_reason.h"
#include "downloader/gguf_check.h"
#include "inference/arch/memory_plan.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/engine/chat_session.h"
#include "inference/engine/open_model.h"
#include "inference/vulkan/copy_bandwidth.h"
#include "inference/vulkan/vulkan_backend.h"

using namespace hearth;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Room a reply needs beyond the prompt before the app warns that old turns must go.
int reply_reserve(int n_ctx, int max_tokens) { return std::min({max_tokens, 256, std::max(16, n_ctx / 4)}); }

}  // namespace

InferenceWorker::InferenceWorker() = default;

InferenceWorker::~InferenceWorker() {
    // The session points at the backend, and the backend into the model's mapping.
    sessions_.clear();
    backend_.reset();
    model_.reset();
}

void InferenceWorker::registerTypes() {
    qRegisterMetaType<VramSnapshot>();
    qRegisterMetaType<LoadedModel>();
    qRegisterMetaType<ReplyRequest>();
    qRegisterMetaType<ReplyResult>();
    qRegisterMetaType<std::vector<hearth::ChatMessage>>();
    qRegisterMetaType<hearth::TokenInfo>();
    qRegisterMetaType<std::vector<hearth::TokenInfo>>();
}

void InferenceWorker::unload() {
    sessions_.clear();
    backend_.reset();
    model_.reset();
    info_ = {};
    emit unloaded();
    emitVram();
}

void InferenceWorker::load(const QString& path, int contextSize, int deviceIndex) {
    cancel_.store(false);
    emit loadStarted(path);
    sessions_.clear();
    backend_.reset();
    model_.reset();
    info_ = {};

    const std::filesystem::path file = path.toStdString();
    auto m = engine::open_model(file);
    if (!m) {
        emit loadFailed(path, qs(m.error().code), qs(m.error().message));
        return;
    }
    const int32_t trained = (*m)->model.hp.n_ctx_train > 0 ? (*m)->model.hp.n_ctx_train : 4096;
    const int32_t n_ctx = contextSize > 0 ? std::min<int32_t>(contextSize, trained) : std::min<int32_t>(trained, 4096);

    LoadedModel info;
    info.path = path;
    // The file's name: what the user picked, and what the Models list shows.
    info.name = QFileInfo(path).completeBaseName();
    info.contextSize = n_ctx;
    info.fileBytes = QFileInfo(path).size();
    if (auto facts = dl::read_gguf_facts(file)) {
        info.architecture = qs(facts->architecture);
        info.quant = qs(facts->quant.empty() ? dominant_weight_type(*(*m)->file) : facts->quant);
    }
    // The engine's own plan: what it will allocate, to the byte, before it allocates anything.
    arch::MemoryPlanOptions plan;
    plan.n_ctx = n_ctx;
    info.predictedBytes = static_cast<qint64>(arch::plan_memory((*m)->model, plan).total());

    vk::VulkanOptions opt;
    opt.n_ctx = n_ctx;
    if (deviceIndex >= 0) opt.device.index = static_cast<uint32_t>(deviceIndex);
    auto last = std::chrono::steady_clock::now();
    opt.progress = [this, &last](float f) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last > std::chrono::milliseconds(100) || f >= 1.0f) {
            last = now;
            emit loadProgress(f);
        }
        return !cancel_.load();
    };
    auto vb = vk::make_vulkan_backend((*m)->model, opt);
    if (vb) {
        matrixBytes_ = static_cast<qint64>((*vb)->matrix_bytes());
        info.backend = qs((*vb)->name());
        backend_ = std::move(*vb);
    } else if (vb.error().code == "vulkan.no_driver" || vb.error().code == "vulkan.no_device") {
        // No GPU driver at all: the reference backend still answers, slowly, rather than not at all.
        auto cb = cpu::make_cpu_backend((*m)->model, n_ctx);
        if (!cb) {
            emit loadFailed(path, qs(cb.error().code), qs(cb.error().message));
            return;
        }
        info.onCpu = true;
        info.backend = QStringLiteral("cpu");
        matrixBytes_ = 0;
        backend_ = std::move(*cb);
    } else {
        emit loadFailed(path, qs(vb.error().code), qs(vb.error().message));
        return;
    }
    model_ = std::move(*m);
    info_ = info;
    emit loaded(info);
    emitVram();
    if (!info.onCpu && copyGbps_ <= 0) measureCopyBandwidth(deviceIndex);
}

void InferenceWorker::measureCopyBandwidth(int deviceIndex) {
    // A second, short-lived handle on the same device: the backend keeps its own to itself.
    vk::DeviceChoice choice;
    if (deviceIndex >= 0) choice.index = static_cast<uint32_t>(deviceIndex);
    auto dev = vk::create_device(choice);
    if (!dev) return;
    vk::CopyBandwidthOptions o;
    o.sizes = {16ull << 20};
    o.repeats = 3;
    if (auto r = vk::measure_copy_bandwidth(**dev, o)) copyGbps_ = r->best_rw_gbps;
}

void InferenceWorker::emitVram() {
    VramSnapshot s;
    if (auto* vb = dynamic_cast<vk::VulkanBackend*>(backend_.get())) {
        const vk::VramStats v = vb->vram();
        s.weights = static_cast<qint64>(v.weights);
        s.kvCache = static_cast<qint64>(v.kv_cache);
        s.scratch = static_cast<qint64>(v.scratch);
        s.otherOurs = static_cast<qint64>(v.other);
        s.heapSize = static_cast<qint64>(v.heap_size);
        s.heapBudget = static_cast<qint64>(v.heap_budget);
        s.heapUsage = static_cast<qint64>(v.heap_usage);
    }
    emit vramChanged(s);
}

engine::ChatSession& InferenceWorker::sessionFor(qint64 conversation, const std::string& system,
                                                 const std::vector<ChatMessage>& messages) {
    auto it = std::find_if(sessions_.begin(), sessions_.end(), [&](const auto& p) { return p.first == conversation; });
    std::unique_ptr<engine::ChatSession> s;
    if (it != sessions_.end()) {
        s = std::move(it->second);
        sessions_.erase(it);
    } else {
        s = std::make_unique<engine::ChatSession>(*model_);
    }
    if (sessions_.size() >= 8) sessions_.erase(sessions_.begin());  // the least recently used
    s->set_system_prompt(system);
    // Keep the turns that still match; replace the rest.
    const size_t offset = system.empty() ? 0 : 1;
    size_t same = 0;
    const auto& turns = s->turns();
    while (same < messages.size() && offset + same < turns.size()) {
        const auto& t = turns[offset + same];
        const auto [thinking, answer] = split_thinking(QString::fromStdString(messages[same].content));
        const bool match = t.role == messages[same].role &&
                           (t.role == "assistant" ? t.content == answer.toStdString() && t.thinking == thinking.toStdString()
                                                  : t.content == messages[same].content);
        if (!match) break;
        ++same;
    }
    (void)s->truncate(offset + same);
    for (size_t i = same; i < messages.size(); ++i) {
        engine::ChatTurn turn;
        turn.role = messages[i].role;
        if (turn.role == "assistant") {
            const auto [thinking, answer] = split_thinking(QString::fromStdString(messages[i].content));
            turn.content = answer.toStdString();
            turn.thinking = thinking.toStdString();
        } else {
            turn.content = messages[i].content;
        }
        (void)s->add_message(std::move(turn));
    }
    sessions_.emplace_back(conversation, std::move(s));
    return *sessions_.back().second;
}

void InferenceWorker::measure(quint64 id, const std::string& system, const std::vector<hearth::ChatMessage>& messages) {
    if (!model_ || !backend_) return;
    engine::ChatSession s(*model_);
    s.set_system_prompt(system);
    for (const auto& m : messages) (void)s.add_message({m.role, m.content, {}, {}});
    if (auto fit = s.fit(backend_->n_ctx(), 0)) emit promptMeasured(id, fit->total - fit->generation_prompt_tokens, backend_->n_ctx());
}

void InferenceWorker::cancelReply(quint64 id) {
    quint64 cur = cancelUpTo_.load();
    while (cur < id && !cancelUpTo_.compare_exchange_weak(cur, id)) {
    }
    if (running_.load() == id) cancel_.store(true);
}

namespace {

// The alternatives the model weighed for a token, in words: "“ the” 41 % · “ a” 12 %".
QString alternatives_words(const Tokenizer& tok, const TokenInfo& info) {
    QStringList out;
    for (int i = 0; i < info.n_top; ++i) {
        const auto& alt = info.top[static_cast<size_t>(i)];
        if (alt.token == info.token) continue;
        out << QStringLiteral("“%1” %2 %").arg(QString::fromStdString(token_to_piece(tok, alt.token)))
                   .arg(qRound(alt.probability * 100));
    }
    return out.join(QStringLiteral(" · "));
}

}  // namespace

void InferenceWorker::describeTokens(qint64 messageId, const QString& modelPath, const std::vector<TokenInfo>& tokens) {
    if (!model_ || info_.path != modelPath) return;
    QStringList out;
    out.reserve(static_cast<qsizetype>(tokens.size()));
    for (const TokenInfo& t : tokens) out << alternatives_words(model_->tokenizer, t);
    emit tokensDescribed(messageId, out);
}

void InferenceWorker::generate(const ReplyRequest& request) {
    // In this order, a cancelReply racing with the start is never lost (see cancelReply).
    cancel_.store(false);
    running_.store(request.id);
    if (cancelUpTo_.load() >= request.id) cancel_.store(true);
    if (!model_ || !backend_) {
        emit replyFailed(request.id, QStringLiteral("app.no_model"),
                         tr("No model is loaded yet. Pick one under Models."));
        return;
    }
    const int n_ctx = backend_->n_ctx();
    const int reserve = reply_reserve(n_ctx, request.maxTokens);
    engine::ChatSession& chat = sessionFor(request.conversation, request.system, request.messages);
    auto fit = chat.fit(n_ctx, reserve);
    if (!fit) {
        emit replyFailed(request.id, qs(fit.error().code), qs(fit.error().message));
        return;
    }
    if (fit->drop_needed < 0) {
        emit replyFailed(request.id, QStringLiteral("app.too_long"),
                         tr("This message is too long for the model's memory. Shorten it, or choose a "
                            "longer context in Settings."));
        return;
    }
    const int dropped = fit->drop_needed;
    if (dropped > 0) {
        if (!request.allowDropOldest) {
            emit contextChoiceNeeded(request.id, fit->total, n_ctx, dropped);
            return;
        }
        (void)chat.drop_oldest_turns(dropped);  // the user chose this; storage keeps every message
    }

    engine::ReplyParams params;
    params.max_tokens = std::max(1, std::min(request.maxTokens, n_ctx - fit->total));
    params.sampler = request.sampler;
    params.cancel = &cancel_;
    params.on_context_full = engine::OnContextFull::Stop;
    emit replyStarted(request.id, fit->total, n_ctx, dropped);

    auto lastVram = std::chrono::steady_clock::now();
    const quint64 id = request.id;
    const Tokenizer& tok = model_->tokenizer;
    auto r = chat.reply(*backend_, params, [&](const engine::ReplyToken& t) {
        emit token(id, QString::fromUtf8(t.text.data(), static_cast<qsizetype>(t.text.size())), t.info.probability,
                   t.info.part == ReplyPart::Thinking, alternatives_words(tok, t.info), t.info);
        const auto now = std::chrono::steady_clock::now();
        if (now - lastVram > std::chrono::milliseconds(500)) {
            lastVram = now;
            emitVram();
        }
    });
    running_.store(0);
    if (!r) {
        emit replyFailed(id, qs(r.error().code), qs(r.error().message));
        emitVram();
        return;
    }
    ReplyResult out;
    out.promptTokens = r->stats.n_prompt;
    out.reusedTokens = r->stats.n_reused;
    out.generatedTokens = r->stats.n_generated;
    out.droppedMessages = dropped;
    out.ttftMs = r->stats.ttft_ms;
    out.decodeTokPerS = r->stats.decode_tok_s;
    out.prefillTokPerS = r->stats.prefill_tok_s;
    out.stopReason = QString::fromLatin1(stop_reason_code(r->stats.stop).data(),
                                         static_cast<qsizetype>(stop_reason_code(r->stats.stop).size()));
    out.contextUsed = static_cast<int>(chat.ids().size());
    out.contextSize = n_ctx;
    emit replyFinished(id, out);
    emitVram();
    if (copyGbps_ > 0 && out.decodeTokPerS > 0 && matrixBytes_ > 0) {
        const double gbps = static_cast<double>(matrixBytes_) * out.decodeTokPerS / 1e9;
        emit bandwidthShare(std::min(1.0, gbps / copyGbps_), copyGbps_);
    }
}

InferenceThread::InferenceThread() : worker_(new InferenceWorker) {
    InferenceWorker::registerTypes();
    thread_.setObjectName(QStringLiteral("inference"));
    worker_->moveToThread(&thread_);
    thread_.start();
}

InferenceThread::~InferenceThread() {
    worker_->cancelLoad();
    worker_->cancelReply(~quint64{0});
    // The worker (and the Vulkan device it owns) is destroyed on its own thread.
    QMetaObject::invokeMethod(worker_, [w = worker_] { delete w; }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}
