// The services the app is made of, created once by main.cpp (the composition root) and handed
// to the view-models: the chat database (opened off the UI thread), the download engine over
// it, and the one inference worker. QML never creates any of these.
#pragma once

#include <QObject>
#include <QString>
#include <filesystem>
#include <memory>

#include "app/qt/inference_worker.h"
#include "base/result.h"
#include "app/qt/ui_gate.h"

namespace hearth::storage {
class Database;
}
namespace hearth::dl {
class Downloader;
struct StateStore;
struct Progress;
}  // namespace hearth::dl

class AppServices : public QObject {
    Q_OBJECT

public:
    // data_dir: where the database and models/ live (the XDG data folder unless overridden).
    explicit AppServices(std::filesystem::path data_dir, QObject* parent = nullptr);
    ~AppServices() override;

    // Opens the database on a storage thread; databaseReady or databaseFailed follows.
    void start();

    const std::filesystem::path& dataDir() const { return dataDir_; }
    std::filesystem::path modelsDir() const { return dataDir_ / "models"; }
    hearth::storage::Database* database() const { return db_.get(); }
    hearth::dl::Downloader* downloader() const { return downloader_.get(); }
    InferenceWorker* worker() const { return inference_.worker(); }
    QString openMessage() const { return openMessage_; }

signals:
    void databaseReady();
    void databaseFailed(const QString& message);
    // Download progress, on the UI thread.
    void downloadProgress(qint64 id, int state, qint64 done, qint64 total, const QString& dest,
                          const QString& error);

private:
    using OpenResult = hearth::Result<std::unique_ptr<hearth::storage::Database>>;
    void onOpened(OpenResult r);

    std::filesystem::path dataDir_;
    InferenceThread inference_;
    std::unique_ptr<hearth::storage::Database> db_;
    std::unique_ptr<hearth::dl::StateStore> store_;
    std::unique_ptr<hearth::dl::Downloader> downloader_;
    QString openMessage_;
    UiGate gate_{this};
};
