#include "app/qt/model_library.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include "app/environment.h"
#include "app/qt/app_services.h"
#include "app/qt/number_words.h"
#include "app/qt/quant_accuracy.h"
#include "downloader/catalog.h"
#include "downloader/downloader.h"
#include "downloader/gguf_check.h"
#include "downloader/hub_client.h"
#include "downloader/pull_plan.h"

using namespace hearth;

namespace {

// "<name> cannot be used: <why>". The libraries begin their messages with the file's path, for logs
// and the command line; here the name is said once and the folder, which the user cannot act on, not at all.
QString unusable_file(const QString& path, const QString& message) {
    QString why = message;
    for (const QString& prefix : {path + QStringLiteral(": "), QFileInfo(path).fileName() + QStringLiteral(": ")})
        if (why.startsWith(prefix)) {
            why.remove(0, prefix.size());
            break;
        }
    return ModelLibrary::tr("%1 cannot be used: %2").arg(QFileInfo(path).fileName(), why);
}

// Records one GGUF file (header facts, size) in the models table; the file is checked first.
Result<int64_t> register_file(storage::Connection& c, const std::filesystem::path& path) {
    if (auto known = storage::find_model_by_path(c, path.string()); known && *known) return (*known)->id;
    auto facts = dl::read_gguf_facts(path);
    if (!facts) return facts.error();
    storage::ModelRecord m;
    m.path = path.string();
    m.architecture = facts->architecture;
    m.quant = facts->quant;
    if (m.quant.empty())
        if (auto file = GgufFile::open(path)) m.quant = dominant_weight_type(*file);
    std::error_code ec;
    m.size_bytes = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    return storage::upsert_model(c, m);
}

// Every .gguf in the models folder recorded, then the records whose file still exists.
Result<std::vector<storage::ModelRecord>> scan_and_list(storage::Connection& c, const std::filesystem::path& dir) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".gguf" || !e.is_regular_file(ec)) continue;
        (void)register_file(c, e.path());  // a damaged file is left out; using it explains why
    }
    auto all = storage::list_models(c);
    if (!all) return all.error();
    std::vector<storage::ModelRecord> out;
    for (auto& m : *all)
        if (std::filesystem::exists(m.path, ec)) out.push_back(std::move(m));
    return out;
}

}  // namespace

ModelLibrary::ModelLibrary(AppServices* services, QObject* parent)
    : QAbstractListModel(parent), services_(services), db_(this) {
    InferenceWorker* w = services_->worker();
    connect(w, &InferenceWorker::loadStarted, this, [this](const QString& path) {
        loading_ = path;
        progress_ = 0;
        error_.clear();
        errorPath_.clear();
        emit stateChanged();
    });
    connect(w, &InferenceWorker::loadProgress, this, [this](double f) {
        progress_ = f;
        emit stateChanged();
    });
    connect(w, &InferenceWorker::loaded, this, [this](const LoadedModel& m) {
        loaded_ = m;
        loading_.clear();
        progress_ = 1;
        emit stateChanged();
        emit dataChanged(index(0), index(count() - 1), {LoadedRole});
        emit modelLoaded(m);
    });
    connect(w, &InferenceWorker::loadFailed, this, [this](const QString& path, const QString& code, const QString& msg) {
        loading_.clear();
        loaded_ = {};
        error_ = unusable_file(path, msg);
        errorPath_ = path;
        emit stateChanged();
        emit dataChanged(index(0), index(count() - 1), {LoadedRole});
        emit modelFailed(path, code, msg);
    });
    connect(services_, &AppServices::downloadProgress, this, &ModelLibrary::onDownload);
}

void ModelLibrary::attach(storage::Database* db) {
    db_.attach(db);
    refresh();
}

QString ModelLibrary::modelsFolder() const { return QString::fromStdString(services_->modelsDir().string()); }

int ModelLibrary::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count(); }

QVariant ModelLibrary::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count()) return {};
    const auto& m = rows_[static_cast<size_t>(index.row())];
    const QString path = QString::fromStdString(m.path);
    switch (role) {
    case PathRole: return path;
    case NameRole: return QFileInfo(path).completeBaseName();
    case QuantRole: return QString::fromStdString(m.quant);
    case SizeLevelRole: return size_level_words(QString::fromStdString(m.quant));
    case ArchitectureRole: return QString::fromStdString(m.architecture);
    case SizeTextRole: return bytes_words(m.size_bytes);
    case LoadedRole: return path == loaded_.path;
    default: return {};
    }
}

QHash<int, QByteArray> ModelLibrary::roleNames() const {
    return {{PathRole, "path"},         {NameRole, "name"},         {QuantRole, "quant"}, {SizeLevelRole, "sizeLevel"},
            {ArchitectureRole, "architecture"}, {SizeTextRole, "sizeText"}, {LoadedRole, "loaded"}};
}

void ModelLibrary::setRows(std::vector<storage::ModelRecord> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    scanned_ = true;
    endResetModel();
    emit countChanged();
}

void ModelLibrary::refresh() {
    const auto dir = services_->modelsDir();
    // A write job: new files in the folder are recorded as they are found.
    db_.write<std::vector<storage::ModelRecord>>(
        [dir](storage::Connection& c) { return scan_and_list(c, dir); },
        [this](Result<std::vector<storage::ModelRecord>> r) {
            if (r) setRows(std::move(*r));
            else {
                error_ = QString::fromStdString(r.error().message);
                emit stateChanged();
            }
        });
}

void ModelLibrary::use(const QString& path) {
    if (path.isEmpty() || path == loading_) return;
    const int ctx = context_, dev = device_;
    QMetaObject::invokeMethod(services_->worker(), [w = services_->worker(), path, ctx, dev] { w->load(path, ctx, dev); },
                              Qt::QueuedConnection);
}

void ModelLibrary::addFile(const QUrl& file) {
    const QString local = file.isLocalFile() ? file.toLocalFile() : file.toString();
    const std::filesystem::path path = local.toStdString();
    const auto dir = services_->modelsDir();
    db_.write<std::vector<storage::ModelRecord>>(
        [path, dir](storage::Connection& c) -> Result<std::vector<storage::ModelRecord>> {
            if (auto ok = dl::check_gguf_file(path); !ok) return ok.error();
            auto id = register_file(c, path);
            if (!id) return id.error();
            return scan_and_list(c, dir);
        },
        [this, local](Result<std::vector<storage::ModelRecord>> r) {
            if (!r) {
                error_ = unusable_file(local, QString::fromStdString(r.error().message));
                errorPath_ = local;
                emit stateChanged();
                return;
            }
            setRows(std::move(*r));
            use(local);
        });
}

void ModelLibrary::dismissError() {
    error_.clear();
    errorPath_.clear();
    emit stateChanged();
}

const storage::ModelRecord* ModelLibrary::record(const QString& path) const {
    for (const auto& m : rows_)
        if (QString::fromStdString(m.path) == path) return &m;
    return nullptr;
}

void ModelLibrary::setOffline(bool offline) {
    offline_ = offline;
    if (!offline_ || downloadId_ == 0) return;
    if (dl::Downloader* d = services_->downloader(); d && downloadId_ > 0) (void)d->pause(downloadId_);
    downloadId_ = 0;  // its later progress is not this download's any more
    downloadError_ = tr("The download is paused: Hearth is set to work offline (Settings, Privacy).");
    emit downloadChanged();
}

void ModelLibrary::downloadDemo() {
    if (downloading()) return;
    if (offline_) {
        downloadError_ = tr("Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.");
        emit downloadChanged();
        return;
    }
    dl::Downloader* downloader = services_->downloader();
    if (!downloader) return;
    downloadError_.clear();
    downloadProgress_ = 0;
    downloadId_ = -1;  // planning
    emit downloadChanged();
    const auto dir = services_->modelsDir();
    const UiGate& gate = db_.gate();
    // Planning may ask the Hub for sizes and hashes, and add() writes the state database.
    (void)QtConcurrent::run([dir, downloader, done = gate.bind<std::pair<qint64, QString>>([this](std::pair<qint64, QString> r) {
                                 downloadId_ = r.first;
                                 if (offline_ && r.first > 0) {  // switched offline while it was planned
                                     setOffline(true);
                                     return;
                                 }
                                 downloadError_ = r.second;
                                 emit downloadChanged();
                                 // Progress that came before add() returned the id.
                                 if (early_.id == r.first && r.first > 0)
                                     onDownload(early_.id, early_.state, early_.done, early_.total, early_.dest, early_.error);
                             })]() mutable {
        const dl::UserConfig config = app::user_config_from_environment();
        auto catalog = dl::load_active_catalog(config);
        if (!catalog) return done({0, QString::fromStdString(catalog.error().message)});
        auto plan = dl::plan_catalog_model(dl::hub_options(config), *catalog, "stories260k", "", dir);
        if (!plan) return done({0, QString::fromStdString(plan.error().message)});
        if (plan->downloads.empty()) return done({0, QStringLiteral("The catalog has no file for the demo model.")});
        auto id = downloader->add(plan->downloads.front());
        if (!id) return done({0, QString::fromStdString(id.error().message)});
        done({*id, QString()});
    });
}

void ModelLibrary::onDownload(qint64 id, int state, qint64 done, qint64 total, const QString& dest, const QString& error) {
    if (downloadId_ == -1) early_ = {id, state, done, total, dest, error};
    if (id != downloadId_) return;
    downloadProgress_ = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
    const auto s = static_cast<dl::TransferState>(state);
    if (dl::is_finished(s)) {
        downloadId_ = 0;
        if (s == dl::TransferState::done) addFile(QUrl::fromLocalFile(dest));
        else downloadError_ = error.isEmpty() ? tr("The download stopped.") : error;
    }
    emit downloadChanged();
}
