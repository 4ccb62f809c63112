// MessageListModel: thinking apart from the answer, code blocks apart from text (also while a
// fence is still open mid-stream), one row updated per frame while streaming, token data kept
// across reloads and read back from storage.
#include <QSignalSpy>
#include <QtTest>

#include "app/qt/message_list_model.h"

using namespace hearth;

class MessageListModelTest : public QObject {
    Q_OBJECT

private slots:
    void splitsThinking() {
        QCOMPARE(split_thinking(QStringLiteral("<think>plan</think>Answer")),
                 (std::pair<QString, QString>{QStringLiteral("plan"), QStringLiteral("Answer")}));
        QCOMPARE(split_thinking(QStringLiteral("  <think>still going")).first, QStringLiteral("still going"));
        QCOMPARE(split_thinking(QStringLiteral("  <think>still going")).second, QString());
        QCOMPARE(split_thinking(QStringLiteral("No thinking")).second, QStringLiteral("No thinking"));
        QCOMPARE(split_thinking(QStringLiteral("Text with <think> inside")).first, QString());
    }

    void splitsCodeBlocks() {
        const QVariantList parts = split_code_blocks(QStringLiteral("Here:\n```python\nprint(1)\nx = 2\n```\nDone."));
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts[0].toMap().value("kind").toString(), QStringLiteral("text"));
        QCOMPARE(parts[1].toMap().value("kind").toString(), QStringLiteral("code"));
        QCOMPARE(parts[1].toMap().value("language").toString(), QStringLiteral("python"));
        QCOMPARE(parts[1].toMap().value("text").toString(), QStringLiteral("print(1)\nx = 2"));
        QCOMPARE(parts[2].toMap().value("text").toString().trimmed(), QStringLiteral("Done."));
        // A single newline is a line break in a chat, not a space.
        QCOMPARE(split_code_blocks(QStringLiteral("one\ntwo\n\nthree")).first().toMap().value("text").toString(),
                 QStringLiteral("one  \ntwo"));

        const QVariantList open = split_code_blocks(QStringLiteral("Start\n```\nint a;"));
        QCOMPARE(open.size(), 2);
        QCOMPARE(open[1].toMap().value("text").toString(), QStringLiteral("int a;"));
    }

    void splitsParagraphsButNotLists() {
        // Each paragraph its own block: a streamed token then changes only the last one.
        const QVariantList paras = split_code_blocks(QStringLiteral("First.\n\nSecond.\n\n\nThird"));
        QCOMPARE(paras.size(), 3);
        QCOMPARE(paras[0].toMap().value("text").toString(), QStringLiteral("First."));
        QCOMPARE(paras[1].toMap().value("text").toString(), QStringLiteral("Second."));
        QCOMPARE(paras[2].toMap().value("text").toString(), QStringLiteral("Third"));
        // Growing the last paragraph leaves the earlier blocks' text as it was.
        const QVariantList grown = split_code_blocks(QStringLiteral("First.\n\nSecond.\n\n\nThird and more"));
        QCOMPARE(grown[0], paras[0]);
        QCOMPARE(grown[1], paras[1]);
        // A list, loose (blank lines between items) or with an indented paragraph, stays one
        // block: cut apart, its items would renumber and its continuation would become code.
        const QVariantList list = split_code_blocks(QStringLiteral("Steps:\n\n1. One\n\n2. Two\n\n    more of two\n\n- a\n\n* b\n\nAfter."));
        QCOMPARE(list.size(), 2);
        QVERIFY(list[0].toMap().value("text").toString().contains(QStringLiteral("more of two")));
        QCOMPARE(list[1].toMap().value("text").toString(), QStringLiteral("After."));
        // Streamed words often come with their space in front: " Then" after a blank line is a
        // paragraph too, but not after a list, where it continues the last item.
        QCOMPARE(split_code_blocks(QStringLiteral("One.\n\n Then.")).size(), 2);
        QCOMPARE(split_code_blocks(QStringLiteral("- item\n\n  more of it")).size(), 1);
        QCOMPARE(split_code_blocks(QStringLiteral("One.\n\n    code")).size(), 1);
        // A blank line at the end (mid-stream) makes no empty block.
        QCOMPARE(split_code_blocks(QStringLiteral("First.\n\n")).size(), 1);
    }

    void aTokenUpdatesOneRow() {
        MessageListModel m;
        storage::Message a;
        a.id = 1;
        a.role = "user";
        a.content = "Hi";
        m.setMessages({a});
        const int row = m.appendStreaming(QStringLiteral("/m/model.gguf"), QStringLiteral("Q4_K_M"));
        QCOMPARE(row, 1);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        m.appendToken(row, QStringLiteral("Hel"), 0.9f);
        m.appendToken(row, QStringLiteral("lo"), 0.3f);
        // Two tokens within one frame: one update, at the frame.
        QCOMPARE(changed.count(), 0);
        QTRY_COMPARE(changed.count(), 1);
        QTest::qWait(40);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(reset.count(), 0);
        for (const auto& c : changed) {
            QCOMPARE(c.at(0).toModelIndex().row(), row);
            QCOMPARE(c.at(1).toModelIndex().row(), row);
        }
        QCOMPARE(m.data(m.index(row), MessageListModel::ContentRole).toString(), QStringLiteral("Hello"));
        QVERIFY(m.data(m.index(row), MessageListModel::StreamingRole).toBool());
        const QString conf = m.data(m.index(row), MessageListModel::ConfidenceRole).toString();
        QVERIFY(conf.contains(QStringLiteral("background-color")));  // the unsure "lo" is shaded
        QVERIFY(m.tokenInfo(row, 1).contains(QStringLiteral("30")));

        m.setMessageId(row, 2);
        m.finish(row, 2, 120.4, 33.3, QStringLiteral("eos"));
        QVERIFY(!m.data(m.index(row), MessageListModel::StreamingRole).toBool());
        const QString details = m.data(m.index(row), MessageListModel::DetailsRole).toString();
        QVERIFY2(details.contains(QStringLiteral("model")) && details.contains(QStringLiteral("Q4_K_M")) &&
                     details.contains(QStringLiteral("120 ms")) && details.contains(QStringLiteral("33.3")),
                 qPrintable(details));

        // Reloading the branch from storage keeps this session's token data.
        storage::Message b;
        b.id = 2;
        b.role = "assistant";
        b.content = "Hello";
        m.setMessages({a, b});
        QVERIFY(m.data(m.index(1), MessageListModel::HasConfidenceRole).toBool());
    }

    // A streamed update tells the views the number of blocks and the blocks from the first that
    // changed, not the whole list: a late token must not cost more than an early one.
    void aTokenHandsOverOnlyTheChangedBlocks() {
        MessageListModel m;
        const int row = m.appendStreaming({}, {});
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        const auto tail = [&] { return m.data(m.index(row), MessageListModel::SegmentsTailRole).toMap(); };
        const auto count = [&] { return m.data(m.index(row), MessageListModel::SegmentCountRole).toInt(); };
        m.appendToken(row, QStringLiteral("First paragraph.\n\nSecond"), 0.9f);
        m.flushTokens();
        QCOMPARE(count(), 2);
        QCOMPARE(tail().value(QStringLiteral("from")).toInt(), 0);
        m.appendToken(row, QStringLiteral(" grows"), 0.9f);
        m.flushTokens();
        QCOMPARE(count(), 2);
        QCOMPARE(tail().value(QStringLiteral("from")).toInt(), 1);
        const QVariantList items = tail().value(QStringLiteral("items")).toList();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().toMap().value(QStringLiteral("text")).toString(), QStringLiteral("Second grows"));
        m.appendToken(row, QStringLiteral("\n\nThird"), 0.9f);
        m.flushTokens();
        QCOMPARE(count(), 3);
        QCOMPARE(tail().value(QStringLiteral("from")).toInt(), 2);
        QCOMPARE(changed.count(), 3);
        for (const auto& c : changed) {
            const auto roles = c.at(2).value<QList<int>>();
            QVERIFY(roles.contains(MessageListModel::SegmentsTailRole));
            QVERIFY(!roles.contains(MessageListModel::SegmentsRole));
        }
        // Done: the whole list again, from the first block.
        m.finish(row, 3, 10, 10, QStringLiteral("eos"));
        QCOMPARE(tail().value(QStringLiteral("from")).toInt(), 0);
        QCOMPARE(tail().value(QStringLiteral("items")).toList().size(), 3);
        QCOMPARE(m.data(m.index(row), MessageListModel::SegmentsRole).toList().size(), 3);
    }

    void storedReplyHasConfidenceFromTokenData() {
        // "<think>" is text without a token; "é" takes two tokens, the first printing nothing.
        storage::Message b;
        b.id = 7;
        b.role = "assistant";
        b.content = "<think>Hm</think>Caf\xc3\xa9 ok";
        auto rec = [](uint32_t begin, uint32_t end, float p) {
            TokenInfo t;
            t.token = 1;
            t.probability = p;
            t.begin = begin;
            t.end = end;
            return t;
        };
        b.tokens = {rec(7, 9, 0.9f), rec(9, 20, 1.0f), rec(20, 20, 0.5f), rec(20, 22, 0.2f), rec(22, 25, 0.95f)};
        MessageListModel m;
        m.setMessages({b});
        QVERIFY(m.data(m.index(0), MessageListModel::HasConfidenceRole).toBool());
        const auto& spans = m.row(0)->spans;
        QCOMPARE(spans.size(), size_t{5});
        QString joined;
        for (const auto& s : spans) joined += s.text;
        QCOMPARE(joined, QString::fromUtf8(b.content));
        QCOMPARE(spans[0].text, QStringLiteral("<think>Hm"));
        QCOMPARE(spans[3].text, QString::fromUtf8("\xc3\xa9"));
        QVERIFY(m.tokenInfo(0, 3).contains(QStringLiteral("20 %")));
        QVERIFY(m.data(m.index(0), MessageListModel::ConfidenceRole).toString().contains(QStringLiteral("background-color")));

        // The words for the alternatives arrive later, from the worker.
        m.setAlternatives(7, {QString(), QString(), QString(), QStringLiteral("“e” 70 %")});
        QVERIFY(m.tokenInfo(0, 3).contains(QStringLiteral("“e” 70 %")));

        // Without token data (older replies) there is nothing to show, and nothing breaks.
        b.tokens.clear();
        b.id = 8;
        m.setMessages({b});
        QVERIFY(!m.data(m.index(0), MessageListModel::HasConfidenceRole).toBool());
    }

    void historySkipsFailedReplies() {
        MessageListModel m;
        storage::Message a;
        a.id = 1;
        a.role = "user";
        a.content = "Hi";
        m.setMessages({a});
        const int row = m.appendStreaming({}, {});
        m.setError(row, QStringLiteral("retry"), QStringLiteral("It failed."));
        const auto h = m.history(m.count() - 1);
        QCOMPARE(h.size(), size_t{1});
        QCOMPARE(h[0].second, std::string("Hi"));
        QCOMPARE(m.data(m.index(row), MessageListModel::ErrorRole).toString(), QStringLiteral("It failed."));
    }
};

QTEST_GUILESS_MAIN(MessageListModelTest)
#include "message_list_model_test.moc"
