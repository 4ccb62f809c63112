#include "app/qt/app_services.h"

#include <chrono>
#include <thread>

#include "downloader/downloader.h"
#include "downloader/gguf_check.h"
#include "downloader/state_store.h"
#include "storage/database.h"

using namespace hearth;

namespace {

// A backup chosen in Settings ("restore at next start") replaces the database before it opens;
// the current file and its WAL move aside, never deleted.
void restore_pending_backup(const std::filesystem::path& dir) {
    const auto pending = dir / "restore-pending.sqlite3";
    std::error_code ec;
    if (!std::filesystem::exists(pending, ec)) return;
    const auto db = dir / "hearth.sqlite3";
    const std::string stamp = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                 std::chrono::system_clock::now().time_since_epoch()).count());
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const auto from = std::filesystem::path(db.string() + suffix);
        if (std::filesystem::exists(from, ec))
            std::filesystem::rename(from, dir / ("hearth.before-restore-" + stamp + ".sqlite3" + suffix), ec);
    }
    std::filesystem::rename(pending, db, ec);
}

}  // namespace

AppServices::AppServices(std::filesystem::path data_dir, QObject* parent)
    : QObject(parent), dataDir_(std::move(data_dir)) {}

AppServices::~AppServices() {
    gate_.close();
    downloader_.reset();  // stops its thread before the store it writes to
    store_.reset();
    if (db_) db_->flush_writes();
}

void AppServices::start() {
    const auto dir = dataDir_;
    // Opening creates, migrates or recovers the file: seconds in the worst case, so never here.
    std::thread([dir, gate = gate_.bind<std::shared_ptr<OpenResult>>([this](std::shared_ptr<OpenResult> r) {
                     onOpened(std::move(*r));
                 })]() mutable {
        std::error_code ec;
        std::filesystem::create_directories(dir / "models", ec);
        restore_pending_backup(dir);
        gate(std::make_shared<OpenResult>(storage::Database::open(dir / "hearth.sqlite3")));
    }).detach();
}

void AppServices::onOpened(OpenResult r) {
    if (!r) {
        emit databaseFailed(QString::fromStdString(r.error().message));
        return;
    }
    db_ = std::move(*r);
    openMessage_ = QString::fromStdString(db_->open_report().message);
    store_ = dl::database_store(*db_);
    dl::NetworkOptions net;
    net.gguf_check = dl::check_gguf_download;  // split parts arrive one by one
    downloader_ = std::make_unique<dl::Downloader>(*store_, net, [this](const dl::Progress& p) {
        gate_.post([this, p] {
            emit downloadProgress(p.id, static_cast<int>(p.state), p.bytes_done, p.total,
                                  QString::fromStdString(p.dest.string()),
                                  p.error ? QString::fromStdString(p.error->message) : QString());
        });
    });
    emit databaseReady();
}
