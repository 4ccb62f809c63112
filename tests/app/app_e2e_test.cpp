// The real `hearth` binary under Xvfb, driven by its --script hook (app/qt/automation.h) over a
// temporary data folder with stories260K: a streamed reply equal to the engine's output for the
// same prompt and seed (a ChatSession run in the test as the oracle), stop midway, regenerate, edit, switch
// branches; quit and start again with the chat and its branches intact; a damaged model file
// shows its error and the app stays usable. Screenshots of every screen, light and dark, in
// English and German, go to <build>/screenshots.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QtTest>
#include <fstream>

#include "app/qt/sampling_preset.h"
#include "tests/app/app_fixture.h"
#include "tests/app/hearth_process.h"

using namespace hearth;
using namespace hearth::test;

class AppEndToEndTest : public QObject {
    Q_OBJECT

private slots:
    void chatStopRegenerateEditRestartAndDamagedModel() {
        const QString shared = test::stories_model();
        if (shared.isEmpty()) QSKIP("shared test data not found (models/stories260K.gguf); set HEARTH_TESTDATA");
        const auto dir = test::scratch_dir("app_e2e");
        const QString data = QString::fromStdString((dir / "data").string());
        const QString out = QString::fromStdString(dir.string());
        // The model as a user would have it, in a folder of their home (the test's folder is the
        // app's home, see run_hearth): the screenshots show "~/Downloads/…", not this machine's paths.
        QVERIFY(QDir().mkpath(out + "/Downloads"));
        const QString model = out + "/Downloads/stories260K.gguf";
        QVERIFY(QFile::exists(model) || QFile::link(shared, model));
        const QString shots = QStringLiteral(HEARTH_BINARY_DIR "/screenshots");
        QDir().mkpath(shots);

        // The oracle: the engine's own reply for the same prompt and seed (the Balanced preset).
        sampling::SamplerParams sp = preset_sampling(QStringLiteral("balanced")).params;
        sp.seed = 42;
        const QString expected = QString::fromStdString(test::engine_reply(model, "Once upon a time", sp, 40, 0));

        const QString first = out + "/first.txt";
        QVERIFY(write_file(first, QStringLiteral(
                        "wait-ready\n"
                        "theme light\n"
                        "screenshot %3/first-run-light.png\n"
                        "theme dark\n"
                        "screenshot %3/first-run-dark.png\n"
                        "theme light\n"
                        "add-model %1\n"
                        "expect-loaded\n"
                        "sampling seed=42 max=40\n"
                        "send Once upon a time\n"
                        "dump %2/sent.json\n"
                        "sampling max=400\n"
                        "send-stop 3 Lily went to the park\n"
                        "dump %2/stopped.json\n"
                        "sampling max=20\n"
                        "regenerate -1\n"
                        "dump %2/regenerated.json\n"
                        "branch -1 -1\n"
                        "dump %2/branch-back.json\n"
                        "edit 0 Tom saw a big dog\n"
                        "dump %2/edited.json\n"
                        "screenshot %3/chat-light.png\n"
                        "click Chat options\n"
                        "click ▸ Advanced\n"
                        "screenshot %3/chat-options-light.png\n"
                        "check-layout\n"
                        "click Hide options\n"
                        "hover Memory speed used\n"
                        "screenshot %3/indicator-tip-light.png\n"
                        "hover Private AI chat\n"  // the pointer away, the tip gone before the next screens
                        "theme dark\n"
                        "screenshot %3/chat-dark.png\n"
                        "page models\n"
                        "screenshot %3/models-dark.png\n"
                        "page settings\n"
                        "screenshot %3/settings-dark.png\n"
                        "theme light\n"
                        "screenshot %3/settings-light.png\n"
                        "page models\n"
                        "screenshot %3/models-light.png\n"
                        "language de\n"
                        "page chats\n"
                        "screenshot %3/chat-light-de.png\n"
                        "click Chat-Optionen\n"
                        "screenshot %3/chat-options-light-de.png\n"
                        "check-layout\n"
                        "click Optionen ausblenden\n"
                        "page settings\n"
                        "screenshot %3/settings-light-de.png\n"
                        "theme dark\n"
                        "page chats\n"
                        "screenshot %3/chat-dark-de.png\n"
                        "language ar\n"
                        "screenshot %3/chat-dark-rtl.png\n"
                        "language en\n"
                        "theme light\n"
                        "quit\n")
                        .arg(model, out, shots)));
        Run r = run_hearth(data, first);
        QVERIFY2(r.code == 0, qPrintable(r.output.right(900)));  // the end says why

        QJsonArray sent = messages(out + "/sent.json");
        QCOMPARE(sent.size(), 2);
        QCOMPARE(content(sent, 0), QStringLiteral("Once upon a time"));
        QCOMPARE(content(sent, 1), expected);

        QJsonArray stopped = messages(out + "/stopped.json");
        QCOMPARE(stopped.size(), 4);
        QCOMPARE(stopped.at(3).toObject().value(QStringLiteral("stopReason")).toString(), QStringLiteral("cancelled"));
        QVERIFY(stopped.at(3).toObject().value(QStringLiteral("tokens")).toInt() < 400);

        QJsonArray regenerated = messages(out + "/regenerated.json");
        QCOMPARE(regenerated.size(), 4);
        QCOMPARE(siblings(regenerated, 3), 2);
        QJsonArray back = messages(out + "/branch-back.json");
        QCOMPARE(content(back, 3), content(stopped, 3));

        QJsonArray edited = messages(out + "/edited.json");
        QCOMPARE(edited.size(), 2);
        QCOMPARE(content(edited, 0), QStringLiteral("Tom saw a big dog"));
        QCOMPARE(siblings(edited, 0), 2);

        for (const char* name : {"first-run-light", "first-run-dark", "chat-light", "chat-dark", "models-light", "models-dark",
                                 "settings-light", "settings-dark", "chat-light-de", "settings-light-de", "chat-dark-de",
                                 "chat-dark-rtl"})
            QVERIFY2(looks_drawn(shots + "/" + name + ".png"), name);

        // Start again: the chat and its branches are intact; a damaged model shows its error and
        // the app still answers.
        const QString broken = out + "/broken.gguf";
        {
            QFile in(model), o(broken);
            QVERIFY(in.open(QIODevice::ReadOnly) && o.open(QIODevice::WriteOnly));
            o.write(in.read(5000));
        }
        const QString second = out + "/second.txt";
        QVERIFY(write_file(second, QStringLiteral(
                        "wait-ready\n"
                        "open-latest\n"
                        "dump %2/restarted.json\n"
                        "branch 0 -1\n"
                        "dump %2/restarted-first-branch.json\n"
                        "add-model %3\n"
                        "expect-model-error broken.gguf\n"
                        "page models\n"
                        "screenshot %4/models-error-light.png\n"
                        "page chats\n"
                        "add-model %1\n"
                        "new-chat\n"
                        "sampling max=8\n"
                        "send Hello\n"
                        "dump %2/after-error.json\n"
                        "quit\n")
                        .arg(model, out, broken, shots)));
        r = run_hearth(data, second);
        QVERIFY2(r.code == 0, qPrintable(r.output.right(900)));  // the end says why
        QJsonArray restarted = messages(out + "/restarted.json");
        QCOMPARE(restarted.size(), 2);
        QCOMPARE(content(restarted, 0), QStringLiteral("Tom saw a big dog"));
        QJsonArray firstBranch = messages(out + "/restarted-first-branch.json");
        QCOMPARE(firstBranch.size(), 4);
        QCOMPARE(content(firstBranch, 1), expected);
        QCOMPARE(siblings(firstBranch, 3), 2);
        QJsonArray afterError = messages(out + "/after-error.json");
        QCOMPARE(afterError.size(), 2);
        QVERIFY(afterError.at(1).toObject().value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(looks_drawn(shots + "/models-error-light.png"));
    }

    void badScriptCommandFails() {
        const auto dir = test::scratch_dir("app_e2e_bad");
        const QString script = QString::fromStdString((dir / "bad.txt").string());
        QVERIFY(write_file(script, QStringLiteral("wait-ready\nfly-to-the-moon\n")));
        const Run r = run_hearth(QString::fromStdString((dir / "data").string()), script);
        QVERIFY2(r.code == 3, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.output.right(600))));
        QVERIFY2(r.output.contains(QStringLiteral("fly-to-the-moon")), qPrintable(r.output));
    }
};

QTEST_GUILESS_MAIN(AppEndToEndTest)
#include "app_e2e_test.moc"
