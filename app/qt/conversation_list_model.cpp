#include "app/qt/conversation_list_model.h"

#include <QDateTime>
#include <fstream>
#include <sstream>

#include "storage/export.h"
#include "storage/search.h"

using namespace hearth;

QString highlight_snippet(const std::string& snippet) {
    QString out;
    const QString s = QString::fromStdString(snippet);
    for (QChar c : s) {
        if (c == QChar(0x02)) out += QLatin1String("<b>");
        else if (c == QChar(0x03)) out += QLatin1String("</b>");
        else if (c == u'<') out += QLatin1String("&lt;");
        else if (c == u'>') out += QLatin1String("&gt;");
        else if (c == u'&') out += QLatin1String("&amp;");
        else if (c == u'\n') out += u' ';
        else out += c;
    }
    return out;
}

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent), db_(this) {}

void ConversationListModel::attach(storage::Database* db) {
    db_.attach(db);
    reload();
}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    switch (role) {
    case IdRole: return QVariant::fromValue<qint64>(r.conv.id);
    case TitleRole: return r.conv.title.empty() ? tr("New chat") : QString::fromStdString(r.conv.title);
    case UpdatedRole: return QDateTime::fromMSecsSinceEpoch(r.conv.updated_at);
    case PinnedRole: return r.conv.pinned;
    case SnippetRole: return r.snippet;
    case ModelRole: return QString::fromStdString(r.conv.model);
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "conversationId"}, {TitleRole, "title"},     {UpdatedRole, "updated"},
            {PinnedRole, "pinned"},     {SnippetRole, "snippet"}, {ModelRole, "model"}};
}

bool ConversationListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && more_ && !loading_ && !searching();
}

void ConversationListModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent)) loadPage(false);
}

void ConversationListModel::setLoading(bool on) {
    if (loading_ == on) return;
    loading_ = on;
    emit loadingChanged();
    emit countChanged();
}

void ConversationListModel::reload() {
    if (searching()) runSearch();
    else loadPage(true);
}

void ConversationListModel::loadPage(bool reset) {
    if (!db_.ready()) return;
    const quint64 gen = reset ? ++generation_ : generation_;
    const auto after = reset ? std::nullopt : next_;
    setLoading(true);
    db_.read<storage::ConversationPage>(
        [after](storage::Connection& c) { return storage::list_conversations(c, kPageSize, after); },
        [this, gen, reset](Result<storage::ConversationPage> page) {
            if (gen != generation_) return;
            loadedOnce_ = true;
            if (!page) {
                setLoading(false);
                emit failed(QString::fromStdString(page.error().message));
                return;
            }
            if (reset) {
                beginResetModel();
                rows_.clear();
                for (auto& c : page->items) rows_.push_back({std::move(c), {}});
                endResetModel();
            } else if (!page->items.empty()) {
                const int first = count();
                beginInsertRows({}, first, first + static_cast<int>(page->items.size()) - 1);
                for (auto& c : page->items) rows_.push_back({std::move(c), {}});
                endInsertRows();
            }
            next_ = page->next;
            more_ = page->next.has_value();
            setLoading(false);
        });
}

void ConversationListModel::setSearchText(const QString& text) {
    if (text == search_) return;
    search_ = text;
    emit searchTextChanged();
    reload();
}

void ConversationListModel::runSearch() {
    if (!db_.ready()) return;
    const quint64 gen = ++generation_;
    const std::string text = search_.toStdString();
    setLoading(true);
    db_.read<std::vector<storage::SearchHit>>(
        [text](storage::Connection& c) { return storage::search_messages(c, text); },
        [this, gen](Result<std::vector<storage::SearchHit>> hits) {
            if (gen != generation_) return;
            beginResetModel();
            rows_.clear();
            if (hits) {
                // One row per chat: its best match.
                for (const auto& h : *hits) {
                    bool seen = false;
                    for (const auto& r : rows_) seen = seen || r.conv.id == h.conversation_id;
                    if (seen) continue;
                    Row r;
                    r.conv.id = h.conversation_id;
                    r.conv.title = h.conversation_title;
                    r.conv.updated_at = h.created_at;
                    r.snippet = highlight_snippet(h.snippet);
                    rows_.push_back(std::move(r));
                }
            }
            endResetModel();
            more_ = false;
            setLoading(false);
            if (!hits) emit failed(QString::fromStdString(hits.error().message));
        });
}

void ConversationListModel::createConversation(const QString& title, const QString& model) {
    storage::NewConversation nc;
    nc.title = title.toStdString();
    nc.model = model.toStdString();
    db_.write<int64_t>([nc](storage::Connection& c) { return storage::create_conversation(c, nc); },
                       [this](Result<int64_t> id) {
                           if (showNew(id)) emit created(*id);
                       });
}

void ConversationListModel::rename(qint64 id, const QString& title) {
    const std::string t = title.trimmed().toStdString();
    if (t.empty()) return;
    const int row = indexOfId(id);
    if (row >= 0) {
        rows_[static_cast<size_t>(row)].conv.title = t;
        emit dataChanged(index(row), index(row), {TitleRole});
    }
    db_.write<bool>([id, t](storage::Connection& c) { return as_bool(storage::rename_conversation(c, id, t)); },
                    [this](Result<bool> r) {
                        if (!r) emit failed(QString::fromStdString(r.error().message));
                    });
}

void ConversationListModel::setPinned(qint64 id, bool pinned) {
    db_.write<bool>([id, pinned](storage::Connection& c) { return as_bool(storage::set_pinned(c, id, pinned)); },
                    [this](Result<bool> r) {
                        if (!r) emit failed(QString::fromStdString(r.error().message));
                        reload();
                    });
}

void ConversationListModel::remove(qint64 id) {
    const int row = indexOfId(id);
    const QString title = titleOf(id);
    if (row >= 0) {
        beginRemoveRows({}, row, row);
        rows_.erase(rows_.begin() + row);
        endRemoveRows();
        emit countChanged();
    }
    db_.write<bool>([id](storage::Connection& c) { return as_bool(storage::delete_conversation(c, id)); },
                    [this, id, title](Result<bool> r) {
                        if (!r) {
                            emit failed(QString::fromStdString(r.error().message));
                            reload();
                            return;
                        }
                        emit removed(id, title);
                    });
}

void ConversationListModel::undoRemove(qint64 id) {
    db_.write<bool>([id](storage::Connection& c) { return as_bool(storage::undo_delete_conversation(c, id)); },
                    [this](Result<bool> r) {
                        if (!r) emit failed(QString::fromStdString(r.error().message));
                        reload();
                    });
}

bool ConversationListModel::showNew(const Result<int64_t>& id) {
    if (!id) {
        emit failed(QString::fromStdString(id.error().message));
        return false;
    }
    // The new chat is the newest: the first page, out of any search, shows it.
    search_.clear();
    emit searchTextChanged();
    loadPage(true);
    return true;
}

int ConversationListModel::indexOfId(qint64 id) const {
    for (size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].conv.id == id) return static_cast<int>(i);
    return -1;
}

QString ConversationListModel::titleOf(qint64 id) const {
    const int row = indexOfId(id);
    return row < 0 ? QString() : data(index(row), TitleRole).toString();
}

namespace {

// A file name from a chat title that is safe on every system.
std::string file_stem(const std::string& title) {
    std::string out;
    for (char c : title) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : ' ';
    while (!out.empty() && out.back() == ' ') out.pop_back();
    while (!out.empty() && out.front() == ' ') out.erase(out.begin());
    if (out.size() > 60) out.resize(60);
    return out.empty() ? std::string("chat") : out;
}

}  // namespace

void ConversationListModel::exportConversation(qint64 id, const QString& format, const QUrl& folder) {
    const bool json = format == QLatin1String("json");
    const std::filesystem::path dir = folder.isLocalFile() ? folder.toLocalFile().toStdString() : folder.toString().toStdString();
    const std::string stem = file_stem(titleOf(id).toStdString());
    // The file is written on the reader thread too: no disk on the UI thread.
    db_.read<std::string>(
        [id, json, dir, stem](storage::Connection& c) -> Result<std::string> {
            auto text = json ? storage::export_conversation_json(c, id) : storage::export_conversation_markdown(c, id);
            if (!text) return text.error();
            std::error_code ec;
            std::filesystem::create_directories(dir, ec);
            const std::string ext = json ? ".json" : ".md";
            std::filesystem::path path = dir / (stem + ext);
            for (int n = 2; std::filesystem::exists(path, ec); ++n) path = dir / (stem + " " + std::to_string(n) + ext);
            std::ofstream f(path, std::ios::binary);
            f << *text;
            f.close();
            if (!f) return make_error("app.export", "Could not write " + path.string() + ". Check that the folder exists and you may write to it.");
            return path.string();
        },
        [this](Result<std::string> path) {
            if (!path) emit failed(QString::fromStdString(path.error().message));
            else emit exported(QString::fromStdString(*path));
        });
}

void ConversationListModel::importFile(const QUrl& file) {
    const std::filesystem::path path = file.isLocalFile() ? file.toLocalFile().toStdString() : file.toString().toStdString();
    db_.write<int64_t>(
        [path](storage::Connection& c) -> Result<int64_t> {
            std::ifstream f(path, std::ios::binary);
            if (!f) return make_error("app.import", "Could not open " + path.string() + ".");
            std::stringstream ss;
            ss << f.rdbuf();
            return storage::import_conversation_json(c, ss.str());
        },
        [this](Result<int64_t> id) {
            if (showNew(id)) emit imported(*id);
        });
}
