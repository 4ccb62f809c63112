// The models on disk: the database's models table plus any .gguf dropped into the models
// folder, with their size level in plain words. Picking one loads it on the inference worker;
// a file can be added from anywhere on disk; the 1 MB demo model can be fetched on first run.
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>
#include <vector>

#include "app/qt/async_db.h"
#include "app/qt/inference_worker.h"
#include "storage/models.h"

class AppServices;

class ModelLibrary : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by the app")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool scanned READ scanned NOTIFY countChanged)
    Q_PROPERTY(QString loadedPath READ loadedPath NOTIFY stateChanged)
    Q_PROPERTY(QString loadedName READ loadedName NOTIFY stateChanged)
    Q_PROPERTY(QString loadingPath READ loadingPath NOTIFY stateChanged)
    Q_PROPERTY(double loadProgress READ loadProgress NOTIFY stateChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY stateChanged)
    Q_PROPERTY(QString errorPath READ errorPath NOTIFY stateChanged)
    Q_PROPERTY(bool downloading READ downloading NOTIFY downloadChanged)
    Q_PROPERTY(double downloadProgress READ downloadProgress NOTIFY downloadChanged)
    Q_PROPERTY(QString downloadError READ downloadError NOTIFY downloadChanged)
    Q_PROPERTY(QString modelsFolder READ modelsFolder CONSTANT)

public:
    enum Role { PathRole = Qt::UserRole + 1, NameRole, QuantRole, SizeLevelRole, ArchitectureRole, SizeTextRole, LoadedRole };

    ModelLibrary(AppServices* services, QObject* parent = nullptr);

    void attach(hearth::storage::Database* db);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(rows_.size()); }
    bool scanned() const { return scanned_; }
    QString loadedPath() const { return loaded_.path; }
    QString loadedName() const { return loaded_.name; }
    QString loadingPath() const { return loading_; }
    double loadProgress() const { return progress_; }
    QString errorText() const { return error_; }
    QString errorPath() const { return errorPath_; }
    bool downloading() const { return downloadId_ != 0; }
    double downloadProgress() const { return downloadProgress_; }
    QString downloadError() const { return downloadError_; }
    QString modelsFolder() const;

    // Settings the next load uses.
    void setLoadOptions(int contextSize, int deviceIndex) { context_ = contextSize, device_ = deviceIndex; }
    // Offline also pauses a download in progress (its partial file is kept for later).
    void setOffline(bool offline);

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void use(const QString& path);
    // Checks a GGUF file from anywhere on disk, records it, and loads it.
    Q_INVOKABLE void addFile(const QUrl& file);
    Q_INVOKABLE void downloadDemo();
    Q_INVOKABLE void dismissError();
    // The record of a model file (for the indicators), or none.
    const hearth::storage::ModelRecord* record(const QString& path) const;

signals:
    void countChanged();
    void stateChanged();
    void downloadChanged();
    void modelLoaded(const LoadedModel& model);
    void modelFailed(const QString& path, const QString& code, const QString& message);

private:
    void setRows(std::vector<hearth::storage::ModelRecord> rows);
    void onDownload(qint64 id, int state, qint64 done, qint64 total, const QString& dest, const QString& error);

    AppServices* services_;
    AsyncDb db_;
    std::vector<hearth::storage::ModelRecord> rows_;
    bool scanned_ = false;
    LoadedModel loaded_;
    QString loading_, error_, errorPath_;
    double progress_ = 0;
    int context_ = 0, device_ = -1;
    bool offline_ = false;
    qint64 downloadId_ = 0;
    double downloadProgress_ = 0;
    QString downloadError_;
    struct Event {
        qint64 id = 0;
        int state = 0;
        qint64 done = 0, total = 0;
        QString dest, error;
    } early_;
};
