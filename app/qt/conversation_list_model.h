// The chat list: pinned first, then newest first, loaded a page at a time as the list scrolls
// (keyset pages, so the 10,000th chat costs what the first did); or, while a search is typed,
// the FTS5 matches with the matching words highlighted. New, rename, pin, delete with undo,
// export (Markdown or JSON) and import. Every query runs on storage's threads.
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>
#include <optional>
#include <vector>

#include "app/qt/async_db.h"
#include "storage/conversations.h"

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Made by the app")
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY searchTextChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool empty READ empty NOTIFY countChanged)

public:
    enum Role { IdRole = Qt::UserRole + 1, TitleRole, UpdatedRole, PinnedRole, SnippetRole, ModelRole };

    static constexpr int kPageSize = 60;

    explicit ConversationListModel(QObject* parent = nullptr);

    void attach(hearth::storage::Database* db);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    QString searchText() const { return search_; }
    void setSearchText(const QString& text);
    bool searching() const { return !search_.trimmed().isEmpty(); }
    bool loading() const { return loading_; }
    int count() const { return static_cast<int>(rows_.size()); }
    bool empty() const { return rows_.empty() && !loading_ && !searching() && loadedOnce_; }

    // Reloads the first page (after a change made elsewhere, e.g. a reply that bumped a chat).
    Q_INVOKABLE void reload();
    Q_INVOKABLE void createConversation(const QString& title, const QString& model);
    Q_INVOKABLE void rename(qint64 id, const QString& title);
    Q_INVOKABLE void setPinned(qint64 id, bool pinned);
    Q_INVOKABLE void remove(qint64 id);   // to the trash; undoRemove brings it back
    Q_INVOKABLE void undoRemove(qint64 id);
    // Writes the chat to `folder` as <title>.md or .json; exported(path) or failed(message).
    Q_INVOKABLE void exportConversation(qint64 id, const QString& format, const QUrl& folder);
    Q_INVOKABLE void importFile(const QUrl& file);
    Q_INVOKABLE int indexOfId(qint64 id) const;
    Q_INVOKABLE QString titleOf(qint64 id) const;

signals:
    void searchTextChanged();
    void loadingChanged();
    void countChanged();
    void created(qint64 id);
    void removed(qint64 id, const QString& title);
    void exported(const QString& path);
    void imported(qint64 id);
    void failed(const QString& message);

private:
    struct Row {
        hearth::storage::Conversation conv;
        QString snippet;  // rich text with the matches in bold (search mode only)
    };
    void loadPage(bool reset);
    void runSearch();
    void setLoading(bool on);
    bool showNew(const hearth::Result<int64_t>& id);  // after a create or import; false on error

    AsyncDb db_;
    std::vector<Row> rows_;
    std::optional<hearth::storage::ConversationCursor> next_;
    bool more_ = false;
    bool loading_ = false;
    bool loadedOnce_ = false;
    quint64 generation_ = 0;  // drops answers to queries that a newer one replaced
    QString search_;
};

// "<b>" around the STX..ETX marked matches of a storage snippet, everything else escaped.
QString highlight_snippet(const std::string& snippet);
