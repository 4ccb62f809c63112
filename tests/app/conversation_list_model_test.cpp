// ConversationListModel over a real database: pages load as the list scrolls and add up to the
// whole list in storage's order; search highlights matches; rename, pin, delete with undo,
// export and import all reach the database.
#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <fstream>
#include <sstream>

#include "app/qt/conversation_list_model.h"
#include "storage/conversations.h"
#include "storage/database.h"
#include "storage/messages.h"
#include "tests/support/testdata.h"

using namespace hearth;

class ConversationListModelTest : public QObject {
    Q_OBJECT

    std::unique_ptr<storage::Database> db_;
    std::vector<int64_t> ids_;

    int64_t titled(const std::string& title) const {
        return *db_->write<int64_t>([title](storage::Connection& c) {
                        return storage::create_conversation(c, {.title = title});
                    }).get();
    }
    static bool settle(ConversationListModel& m) {
        return QTest::qWaitFor([&] { return !m.loading(); }, 10000);
    }

private slots:
    void init() {
        const auto dir = test::scratch_dir("conversation_list");
        auto db = storage::Database::open(dir / "hearth.sqlite3");
        QVERIFY(db);
        db_ = std::move(*db);
        ids_.clear();
        for (int i = 0; i < 130; ++i) ids_.push_back(titled("Chat " + std::to_string(i)));
        // Times are in milliseconds: the message below must come in a later one to be the newest.
        QThread::msleep(5);
        auto msg = db_->write<int64_t>([id = ids_[5]](storage::Connection& c) {
            return storage::append_message(c, id, {.role = "user", .content = "How does the transformer architecture work?"});
        }).get();
        QVERIFY(msg);
    }
    void cleanup() { db_.reset(); }

    void pagesAddUpToStorageOrder() {
        ConversationListModel m;
        m.attach(db_.get());
        QVERIFY(settle(m));
        QCOMPARE(m.rowCount(), ConversationListModel::kPageSize);
        while (m.canFetchMore({})) {
            m.fetchMore({});
            QVERIFY(settle(m));
        }
        QCOMPARE(m.rowCount(), 130);
        auto all = db_->read<storage::ConversationPage>([](storage::Connection& c) { return storage::list_conversations(c, 1000); });
        QVERIFY(all);
        for (int i = 0; i < 130; ++i)
            QCOMPARE(m.data(m.index(i), ConversationListModel::IdRole).toLongLong(), all->items[static_cast<size_t>(i)].id);
        // Newest first: the chat with a message was updated last.
        QCOMPARE(m.data(m.index(0), ConversationListModel::IdRole).toLongLong(), ids_[5]);
    }

    void searchHighlightsMatches() {
        ConversationListModel m;
        m.attach(db_.get());
        QVERIFY(settle(m));
        m.setSearchText(QStringLiteral("transf"));
        QVERIFY(settle(m));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.data(m.index(0), ConversationListModel::IdRole).toLongLong(), ids_[5]);
        const QString snippet = m.data(m.index(0), ConversationListModel::SnippetRole).toString();
        QVERIFY2(snippet.contains(QStringLiteral("<b>transformer</b>")), qPrintable(snippet));
        m.setSearchText(QStringLiteral("zebra"));
        QVERIFY(settle(m));
        QCOMPARE(m.rowCount(), 0);
        m.setSearchText(QString());
        QVERIFY(settle(m));
        QCOMPARE(m.rowCount(), ConversationListModel::kPageSize);
    }

    void highlightEscapesMarkup() {
        QCOMPARE(highlight_snippet("a <i>&\x02" "b\x03"), QStringLiteral("a &lt;i&gt;&amp;<b>b</b>"));
    }

    void renamePinDeleteUndo() {
        ConversationListModel m;
        m.attach(db_.get());
        QVERIFY(settle(m));
        const qint64 id = ids_[100];
        m.rename(id, QStringLiteral("Holiday plans"));
        QCOMPARE(m.titleOf(id), QStringLiteral("Holiday plans"));
        db_->flush_writes();
        auto conv = db_->read<storage::Conversation>([id](storage::Connection& c) { return storage::get_conversation(c, id); });
        QCOMPARE(conv->title, std::string("Holiday plans"));

        const qint64 old = ids_[0];
        m.setPinned(old, true);
        QVERIFY(QTest::qWaitFor([&] { return m.rowCount() > 0 && m.data(m.index(0), ConversationListModel::IdRole).toLongLong() == old; }, 10000));
        QVERIFY(m.data(m.index(0), ConversationListModel::PinnedRole).toBool());

        QSignalSpy removed(&m, &ConversationListModel::removed);
        m.remove(id);
        QCOMPARE(m.indexOfId(id), -1);
        QVERIFY(removed.wait(10000));
        QCOMPARE(removed.first().at(1).toString(), QStringLiteral("Holiday plans"));
        conv = db_->read<storage::Conversation>([id](storage::Connection& c) { return storage::get_conversation(c, id); });
        QVERIFY(conv->deleted_at.has_value());
        m.undoRemove(id);
        QVERIFY(QTest::qWaitFor([&] { return m.indexOfId(id) >= 0; }, 10000));
    }

    void exportAndImport() {
        ConversationListModel m;
        m.attach(db_.get());
        QVERIFY(settle(m));
        const auto out = test::scratch_dir("conversation_export");
        QSignalSpy exported(&m, &ConversationListModel::exported);
        m.exportConversation(ids_[5], QStringLiteral("md"), QUrl::fromLocalFile(QString::fromStdString(out.string())));
        QVERIFY(exported.wait(10000));
        std::ifstream md(exported.first().first().toString().toStdString());
        std::stringstream mds;
        mds << md.rdbuf();
        QVERIFY(mds.str().find("transformer architecture") != std::string::npos);

        m.exportConversation(ids_[5], QStringLiteral("json"), QUrl::fromLocalFile(QString::fromStdString(out.string())));
        QVERIFY(exported.wait(10000));
        const QString json = exported.last().first().toString();
        QVERIFY(json.endsWith(QStringLiteral(".json")));
        QSignalSpy imported(&m, &ConversationListModel::imported);
        m.importFile(QUrl::fromLocalFile(json));
        QVERIFY(imported.wait(10000));
        const qint64 copy = imported.first().first().toLongLong();
        auto path = db_->read<std::vector<storage::Message>>([copy](storage::Connection& c) { return storage::active_path(c, copy); });
        QVERIFY(path);
        QCOMPARE(path->size(), size_t{1});
        QCOMPARE(path->front().content, std::string("How does the transformer architecture work?"));

        QSignalSpy failed(&m, &ConversationListModel::failed);
        m.importFile(QUrl::fromLocalFile(QStringLiteral("/nonexistent/chat.json")));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("/nonexistent/chat.json")));
    }
};

QTEST_GUILESS_MAIN(ConversationListModelTest)
#include "conversation_list_model_test.moc"
