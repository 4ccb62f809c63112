#include "app/qt/indicators.h"

#include "app/qt/model_library.h"
#include "app/qt/number_words.h"
#include "app/qt/quant_accuracy.h"

Indicators::Indicators(InferenceWorker* worker, ModelLibrary* models, QObject* parent)
    : QObject(parent), models_(models) {
    // Through the library, so that its record (measured accuracy) is known by then.
    connect(models_, &ModelLibrary::modelLoaded, this, &Indicators::onLoaded);
    connect(worker, &InferenceWorker::loadStarted, this, [this] {
        model_ = {};
        emit modelChanged();
    });
    connect(worker, &InferenceWorker::vramChanged, this, [this](const VramSnapshot& v) {
        vram_ = v;
        emit vramChanged();
    });
    connect(worker, &InferenceWorker::replyStarted, this, [this] {
        generating_ = true;
        started_.start();
        firstTokenAt_ = -1;
        liveTokens_ = 0;
        liveTtftMs_ = 0;
        lastEmitMs_ = 0;
        emit speedChanged();
    });
    connect(worker, &InferenceWorker::token, this, [this] {
        if (!generating_) return;
        if (firstTokenAt_ < 0) {
            firstTokenAt_ = started_.elapsed();
            liveTtftMs_ = static_cast<double>(firstTokenAt_);
        } else {
            ++liveTokens_;
        }
        // Not on every token: the bar's text is re-laid out at most 4 times a second.
        const qint64 now = started_.elapsed();
        if (liveTokens_ <= 1 || now - lastEmitMs_ >= 250) {
            lastEmitMs_ = now;
            emit speedChanged();
        }
    });
    connect(worker, &InferenceWorker::replyFinished, this, [this](quint64, const ReplyResult& r) {
        generating_ = false;
        lastTokPerS_ = r.decodeTokPerS;
        lastTtftMs_ = r.ttftMs;
        emit speedChanged();
    });
    connect(worker, &InferenceWorker::replyFailed, this, [this] {
        generating_ = false;
        emit speedChanged();
    });
    connect(worker, &InferenceWorker::bandwidthShare, this, [this](double share, double gbps) {
        bandwidthPercent_ = qRound(share * 100);
        bandwidthShare_ = share;
        copyGbps_ = gbps;
        emit speedChanged();
    });
}

void Indicators::onLoaded(const LoadedModel& m) {
    model_ = m;
    measuredKl_.reset();
    measuredTop1_.reset();
    if (const auto* rec = models_ ? models_->record(m.path) : nullptr) {
        measuredKl_ = rec->kl_divergence;
        measuredTop1_ = rec->top1_agreement;
    }
    describeAccuracy();
    lastTokPerS_ = lastTtftMs_ = 0;
    bandwidthPercent_ = -1;
    bandwidthShare_ = -1;
    emit modelChanged();
    emit vramChanged();
    emit speedChanged();
}

void Indicators::describeAccuracy() {
    if (model_.path.isEmpty()) return;
    const AccuracyText a = describe_accuracy(model_.quant, measuredKl_, measuredTop1_);
    accuracy_ = a.summary;
    accuracyDetail_ = a.detail;
    accuracyEstimated_ = a.estimate;
}

// The accuracy words were made in C++ at load time: they are made again in the new language.
void Indicators::retranslate() {
    describeAccuracy();
    emit modelChanged();
    emit vramChanged();
    emit speedChanged();
}

QString Indicators::sizeLevel() const { return size_level_words(model_.quant); }

double Indicators::vramUsedGiB() const { return static_cast<double>(vram_.ours()) / (1024.0 * 1024 * 1024); }
double Indicators::vramTotalGiB() const { return static_cast<double>(vram_.heapSize) / (1024.0 * 1024 * 1024); }

QString Indicators::vramText() const {
    if (!modelLoaded()) return tr("No model loaded");
    if (model_.onCpu) return tr("Running on the processor (no GPU driver)");
    if (vram_.heapSize <= 0) return bytes_words(vram_.ours());
    return tr("%1 of %2").arg(bytes_words(vram_.ours() + vram_.otherPrograms()), bytes_words(vram_.heapSize));
}

QString Indicators::vramBreakdown() const {
    QStringList lines;
    lines << tr("Model weights: %1").arg(bytes_words(vram_.weights));
    lines << tr("Conversation memory (KV cache): %1").arg(bytes_words(vram_.kvCache));
    lines << tr("Working space (scratch): %1").arg(bytes_words(vram_.scratch + vram_.otherOurs));
    lines << (vram_.heapBudget > 0 ? tr("Other programs: %1").arg(bytes_words(vram_.otherPrograms()))
                                    : tr("Other programs: not reported by the driver"));
    lines << vramPrediction();
    return lines.join(u'\n');
}

QString Indicators::vramPrediction() const {
    if (model_.predictedBytes <= 0) return {};
    return tr("Predicted before loading: %1 · measured: %2").arg(bytes_words(model_.predictedBytes), bytes_words(vram_.ours()));
}

double Indicators::liveTokPerS() const {
    if (firstTokenAt_ < 0 || liveTokens_ == 0) return 0;
    const double ms = static_cast<double>(started_.elapsed() - firstTokenAt_);
    return ms > 0 ? liveTokens_ * 1000.0 / ms : 0;
}

QString Indicators::speedText() const {
    if (generating_) {
        if (firstTokenAt_ < 0) return tr("Reading your message…");
        return tr("%1 tokens/s").arg(decimal_words(liveTokPerS(), 1));
    }
    if (lastTokPerS_ <= 0) return tr("known after the first reply");
    return tr("%1 tokens/s").arg(decimal_words(lastTokPerS_, 1));
}

QString Indicators::speedDetail() const {
    const double ttft = generating_ ? liveTtftMs_ : lastTtftMs_;
    if (ttft <= 0) return {};
    return tr("first word in %1 ms").arg(integer_words(qRound(ttft)));
}

QString Indicators::bandwidthText() const {
    if (model_.onCpu) return tr("not measured on the processor");
    if (bandwidthShare_ < 0) return tr("known after the first reply");
    if (bandwidthShare_ < 0.01) return tr("under 1 %");
    return tr("%1 %").arg(bandwidthPercent_);
}

QString Indicators::bandwidthDetail() const {
    if (bandwidthPercent_ < 0)
        return tr("Writing text reads the whole model once per word; this shows how close that runs to your "
                  "GPU's memory speed. Known after the first reply.");
    return tr("Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU's memory "
              "can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.")
        .arg(integer_words(bandwidthPercent_), decimal_words(copyGbps_, 0));
}
