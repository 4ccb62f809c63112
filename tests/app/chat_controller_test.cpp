// ChatController driven by the real libraries: a temporary database, stories260K on lavapipe.
// A reply streams into the message list and the database and equals the engine's own output for
// the same prompt and seed; stop, regenerate, edit and branch switching keep every text; a chat
// that outgrows the context asks before anything is forgotten.
#include <QSignalSpy>
#include <QtTest>

#include "app/qt/sampling_preset.h"
#include "storage/conversations.h"
#include "storage/database.h"
#include "storage/messages.h"
#include "tests/app/app_fixture.h"

using namespace hearth;
using hearth::test::AppUnderTest;


class ChatControllerTest : public QObject {
    Q_OBJECT

private slots:
    void init() {
        if (test::stories_model().isEmpty()) QSKIP("shared test data not found (models/stories260K.gguf); set HEARTH_TESTDATA");
    }

    void replyEqualsEngineOutputAndIsStored() {
        AppUnderTest t("chat_reply");
        QVERIFY(t.waitReady());
        QVERIFY2(t.load(test::stories_model()), qPrintable(t.app->models()->errorText()));
        ChatController* chat = t.app->chat();
        chat->setSeed(QStringLiteral("42"));
        chat->setMaxTokens(40);

        QSignalSpy rowChanges(chat->messages(), &QAbstractItemModel::dataChanged);
        QCOMPARE(t.reply([&] { chat->send(QStringLiteral("Once upon a time")); }), QStringLiteral("length"));
        QCOMPARE(chat->messages()->count(), 2);
        const QString reply = chat->messages()->row(1)->content;
        QVERIFY(!reply.isEmpty());
        // Streamed: several row updates (at most one a frame), each touching one row only.
        QVERIFY(rowChanges.count() >= 3);
        for (const auto& c : rowChanges) QCOMPARE(c.at(0).toModelIndex().row(), c.at(1).toModelIndex().row());

        sampling::SamplerParams sp = preset_sampling(QStringLiteral("balanced")).params;
        sp.seed = 42;
        QCOMPARE(reply.toStdString(), test::engine_reply(test::stories_model(), "Once upon a time", sp, 40, chat->contextSize()));

        // In the database too, with its statistics.
        const qint64 conv = chat->conversationId();
        auto path = t.services->database()->read<std::vector<storage::Message>>(
            [conv](storage::Connection& c) { return storage::active_path(c, conv); });
        QVERIFY(path);
        QCOMPARE(path->size(), size_t{2});
        QCOMPARE(QString::fromStdString((*path)[1].content), reply);
        QCOMPARE((*path)[1].stop_reason, std::string("length"));
        QVERIFY((*path)[1].ttft_ms.has_value());
        QCOMPARE((*path)[1].token_probs.size(), size_t{40});
        QCOMPARE((*path)[1].tokens.size(), size_t{40});
        QVERIFY(chat->contextUsed() > 0);

        // Started again, the stored reply still has its confidence view: each token's share of
        // the text and its probability, and (once the model is loaded) the alternatives in words.
        QVector<float> probs;
        for (const auto& s : chat->messages()->row(1)->spans) probs << s.probability;
        t.restart();
        QVERIFY(t.waitReady());
        QVERIFY(t.load(test::stories_model()));
        chat = t.app->chat();
        chat->open(conv);
        QVERIFY(QTest::qWaitFor([&] { return chat->messages()->count() == 2 && !chat->loadingMessages(); }, 10000));
        const MessageListModel* list = chat->messages();
        QVERIFY(list->data(list->index(1), MessageListModel::HasConfidenceRole).toBool());
        const auto& spans = list->row(1)->spans;
        QCOMPARE(static_cast<qsizetype>(spans.size()), probs.size());
        QString joined;
        for (size_t i = 0; i < spans.size(); ++i) {
            joined += spans[i].text;
            QVERIFY(std::abs(spans[i].probability - probs[static_cast<qsizetype>(i)]) < 1e-4f);
        }
        QCOMPARE(joined, reply);
        QVERIFY(QTest::qWaitFor([&] { return list->tokenInfo(1, 0).contains(QStringLiteral("%")) &&
                                             !list->row(1)->spans[0].alternatives.isEmpty(); }, 20000));
    }

    void stopRegenerateEditAndBranches() {
        AppUnderTest t("chat_branches");
        QVERIFY(t.waitReady());
        QVERIFY(t.load(test::stories_model()));
        ChatController* chat = t.app->chat();
        chat->setSeed(QStringLiteral("7"));
        chat->setMaxTokens(300);

        // Stop midway: after a few tokens.
        QSignalSpy tokens(t.services->worker(), &InferenceWorker::token);
        const QString stopped = t.reply([&] {
            chat->send(QStringLiteral("Lily went to the park"));
            if (QTest::qWaitFor([&] { return tokens.count() >= 3; }, 60000)) chat->stop();
        });
        QCOMPARE(stopped, QStringLiteral("cancelled"));
        QVERIFY(chat->messages()->row(1)->msg.token_count < 300);
        const QString first = chat->messages()->row(1)->content;

        // Regenerate: a second version beside the first.
        chat->setMaxTokens(20);
        QCOMPARE(t.reply([&] { chat->regenerate(1); }), QStringLiteral("length"));
        QCOMPARE(chat->messages()->row(1)->msg.sibling_count, 2);
        QCOMPARE(chat->messages()->row(1)->msg.sibling_index, 2);
        const QString second = chat->messages()->row(1)->content;

        // Back to the first version.
        chat->switchBranch(1, -1);
        QVERIFY(QTest::qWaitFor([&] { return chat->messages()->row(1) && chat->messages()->row(1)->msg.sibling_index == 1; }, 10000));
        QCOMPARE(chat->messages()->row(1)->content, first);

        // Edit the question: a new branch from the user's message, with its own reply.
        QCOMPARE(t.reply([&] { chat->editAndResend(0, QStringLiteral("Tom saw a dog")); }), QStringLiteral("length"));
        QCOMPARE(chat->messages()->row(0)->content, QStringLiteral("Tom saw a dog"));
        QCOMPARE(chat->messages()->row(0)->msg.sibling_count, 2);

        // Quit and start again: the chat and both branches are there.
        const qint64 conv = chat->conversationId();
        t.restart();
        QVERIFY(t.waitReady());
        t.app->chat()->open(conv);
        QVERIFY(QTest::qWaitFor([&] { return t.app->chat()->messages()->count() == 2 && !t.app->chat()->loadingMessages(); }, 10000));
        QCOMPARE(t.app->chat()->messages()->row(0)->content, QStringLiteral("Tom saw a dog"));
        t.app->chat()->switchBranch(0, -1);
        QVERIFY(QTest::qWaitFor([&] { return t.app->chat()->messages()->row(0)->msg.sibling_index == 1 && t.app->chat()->messages()->count() == 2; }, 10000));
        QCOMPARE(t.app->chat()->messages()->row(0)->content, QStringLiteral("Lily went to the park"));
        QCOMPARE(t.app->chat()->messages()->row(1)->msg.sibling_count, 2);
        QVERIFY(t.app->chat()->messages()->row(1)->content == first || t.app->chat()->messages()->row(1)->content == second);
    }

    void fullContextAsksBeforeForgetting() {
        AppUnderTest t("chat_context");
        QVERIFY(t.waitReady());
        t.app->settings()->setDefaultContext(512);
        QVERIFY(t.load(test::stories_model()));
        ChatController* chat = t.app->chat();
        QCOMPARE(chat->contextSize(), 512);
        chat->setSeed(QStringLiteral("1"));
        chat->setMaxTokens(16);
        // Each message takes about 55 % of the context: one fits with its reply, two do not.
        const QString sentence = QStringLiteral("The little cat played with a red ball in the big green garden all day long. ");
        auto m = engine::open_model(test::stories_model().toStdString());
        QVERIFY(m);
        const auto per = static_cast<int>(tokenize((*m)->tokenizer, sentence.toStdString()).size());
        const QString longText = sentence.repeated(std::max(1, 280 / per));
        QCOMPARE(t.reply([&] { chat->send(longText); }), QStringLiteral("length"));
        QVERIFY(!chat->contextChoicePending());

        // The second long message does not fit with the first: the app asks.
        chat->send(longText);
        QVERIFY(QTest::qWaitFor([&] { return chat->contextChoicePending(); }, 60000));
        QVERIFY(chat->contextChoiceDrop() >= 2);
        QCOMPARE(chat->messages()->count(), 3);  // the new question is kept, unanswered

        QCOMPARE(t.reply([&] { chat->resolveContext(QStringLiteral("drop")); }), QStringLiteral("length"));
        QCOMPARE(chat->messages()->count(), 4);  // nothing removed from the history
        QVERIFY(!chat->contextChoicePending());

        // The choice holds: a short next turn fits without the dropped messages, and is not asked about.
        QSignalSpy asked(chat, &ChatController::contextChoiceChanged);
        QCOMPARE(t.reply([&] { chat->send(QStringLiteral("And then?")); }), QStringLiteral("length"));
        QCOMPARE(asked.count(), 0);
        QCOMPARE(chat->messages()->count(), 6);

        // And after quitting and starting again: the choice is kept with the chat, so the next
        // short turn is not asked about either (it would be, were the dropped turns back).
        const qint64 dropId = chat->conversationId();
        t.restart();
        QVERIFY(t.waitReady());
        QVERIFY(t.load(test::stories_model()));
        chat = t.app->chat();
        QCOMPARE(chat->contextSize(), 512);
        chat->open(dropId);
        QVERIFY(QTest::qWaitFor([&] { return chat->messages()->count() == 6 && !chat->loadingMessages(); }, 10000));
        QSignalSpy askedAfterRestart(chat, &ChatController::contextChoiceChanged);
        QCOMPARE(t.reply([&] { chat->send(QStringLiteral("And then?")); }), QStringLiteral("length"));
        QCOMPARE(askedAfterRestart.count(), 0);
        QCOMPARE(chat->messages()->count(), 8);

        // Until the chat outgrows the context again.
        chat->send(longText);
        QVERIFY(QTest::qWaitFor([&] { return chat->contextChoicePending(); }, 60000));

        // A new chat with a summary: its own title, the old chat's gist as its first (system) line.
        const qint64 oldId = chat->conversationId();
        const QString oldTitle = chat->title();
        QCOMPARE(t.reply([&] { chat->resolveContext(QStringLiteral("newchat")); }), QStringLiteral("length"));
        QVERIFY(chat->conversationId() != oldId);
        QCOMPARE(chat->title(), QStringLiteral("Continued: %1").arg(oldTitle));
        QVERIFY2(chat->systemPrompt().contains(oldTitle.left(20)), qPrintable(chat->systemPrompt()));
        QVERIFY(chat->systemPrompt().contains(QStringLiteral("And then?")));
        QCOMPARE(chat->messages()->count(), 2);
        QCOMPARE(chat->messages()->row(0)->content, longText.trimmed());
        const qint64 newId = chat->conversationId();
        auto stored = t.services->database()->read<storage::Conversation>(
            [newId](storage::Connection& c) { return storage::get_conversation(c, newId); });
        QVERIFY(stored);
        QCOMPARE(QString::fromStdString(stored->title), chat->title());
        QCOMPARE(QString::fromStdString(stored->system_prompt), chat->systemPrompt());
        auto old = t.services->database()->read<storage::Conversation>(
            [oldId](storage::Connection& c) { return storage::get_conversation(c, oldId); });
        QVERIFY(old);
        QCOMPARE(QString::fromStdString(old->title), oldTitle);  // the old chat keeps its own
    }

    void noModelShowsWhereToGetOne() {
        AppUnderTest t("chat_no_model");
        QVERIFY(t.waitReady());
        t.app->chat()->send(QStringLiteral("Hello"));
        QCOMPARE(t.app->chat()->errorFix(), QStringLiteral("models"));
        QVERIFY(t.app->chat()->errorText().contains(QStringLiteral("Models")));
        QCOMPARE(t.app->chat()->messages()->count(), 0);
    }
};

QTEST_MAIN(ChatControllerTest)
#include "chat_controller_test.moc"
