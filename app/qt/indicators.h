// The indicator bar's figures, live: GPU memory (ours by purpose, other programs', the total
// and the prediction made before loading), decode speed and time to first token of the reply
// in progress and of the last one, decode's share of the memory bandwidth, and the accuracy of
// the loaded size level (measured, or a published estimate).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <optional>

#include "app/qt/inference_worker.h"

class ModelLibrary;

class Indicators : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by the app")
    Q_PROPERTY(bool modelLoaded READ modelLoaded NOTIFY modelChanged)
    Q_PROPERTY(QString modelName READ modelName NOTIFY modelChanged)
    Q_PROPERTY(QString sizeLevel READ sizeLevel NOTIFY modelChanged)
    Q_PROPERTY(bool onCpu READ onCpu NOTIFY modelChanged)
    Q_PROPERTY(QString accuracy READ accuracy NOTIFY modelChanged)
    Q_PROPERTY(QString accuracyDetail READ accuracyDetail NOTIFY modelChanged)
    Q_PROPERTY(bool accuracyEstimated READ accuracyEstimated NOTIFY modelChanged)
    Q_PROPERTY(double vramUsedGiB READ vramUsedGiB NOTIFY vramChanged)
    Q_PROPERTY(double vramTotalGiB READ vramTotalGiB NOTIFY vramChanged)
    Q_PROPERTY(QString vramText READ vramText NOTIFY vramChanged)
    Q_PROPERTY(QString vramBreakdown READ vramBreakdown NOTIFY vramChanged)
    Q_PROPERTY(QString vramPrediction READ vramPrediction NOTIFY vramChanged)
    Q_PROPERTY(bool generating READ generating NOTIFY speedChanged)
    Q_PROPERTY(QString speedText READ speedText NOTIFY speedChanged)
    Q_PROPERTY(QString speedDetail READ speedDetail NOTIFY speedChanged)
    Q_PROPERTY(double tokensPerSecond READ tokensPerSecond NOTIFY speedChanged)
    Q_PROPERTY(double ttftMs READ ttftMs NOTIFY speedChanged)
    Q_PROPERTY(int bandwidthPercent READ bandwidthPercent NOTIFY speedChanged)
    Q_PROPERTY(QString bandwidthText READ bandwidthText NOTIFY speedChanged)
    Q_PROPERTY(QString bandwidthDetail READ bandwidthDetail NOTIFY speedChanged)

public:
    Indicators(InferenceWorker* worker, ModelLibrary* models, QObject* parent = nullptr);

    bool modelLoaded() const { return !model_.path.isEmpty(); }
    QString modelName() const { return model_.name; }
    QString sizeLevel() const;
    bool onCpu() const { return model_.onCpu; }
    QString accuracy() const { return accuracy_; }
    QString accuracyDetail() const { return accuracyDetail_; }
    bool accuracyEstimated() const { return accuracyEstimated_; }
    double vramUsedGiB() const;
    double vramTotalGiB() const;
    QString vramText() const;
    QString vramBreakdown() const;
    QString vramPrediction() const;
    bool generating() const { return generating_; }
    QString speedText() const;
    QString speedDetail() const;
    double tokensPerSecond() const { return generating_ ? liveTokPerS() : lastTokPerS_; }
    double ttftMs() const { return generating_ ? liveTtftMs_ : lastTtftMs_; }
    int bandwidthPercent() const { return bandwidthPercent_; }
    QString bandwidthDetail() const;
    QString bandwidthText() const;

    // The language changed: every text is read again.
    void retranslate();

signals:
    void modelChanged();
    void vramChanged();
    void speedChanged();

private:
    double liveTokPerS() const;
    void onLoaded(const LoadedModel& m);

    ModelLibrary* models_;
    LoadedModel model_;
    VramSnapshot vram_;
    void describeAccuracy();  // accuracy_ and accuracyDetail_ in the current language
    std::optional<double> measuredKl_, measuredTop1_;
    QString accuracy_, accuracyDetail_;
    bool accuracyEstimated_ = true;
    bool generating_ = false;
    QElapsedTimer started_;
    qint64 firstTokenAt_ = -1;
    int liveTokens_ = 0;
    qint64 lastEmitMs_ = 0;
    double liveTtftMs_ = 0;
    double lastTokPerS_ = 0, lastTtftMs_ = 0;
    int bandwidthPercent_ = -1;
    double bandwidthShare_ = -1;
    double copyGbps_ = 0;
};
