// Short end-to-end flows of the real `hearth` binary under Xvfb, apart from app_e2e_test so that
// each stays quick:
// - first run: the "get the demo model" button fetches stories260K from a local HTTP server
//   standing in for the Hub, it lands in the data folder, is selected, and a chat works;
// - languages: in German no English text the translation replaces is left on any screen, and in
//   German, Arabic (right to left, untranslated) and Chinese no caption runs into a control.
//   Screenshots of those go to <build>/screenshots, under names no other test writes (ctest runs
//   app_e2e_test beside this one, and a picture read while the other test rewrites it is torn);
// - a chat's ⋯ menu opens under its button.
#include <cmath>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QtTest>

#include "tests/app/app_fixture.h"
#include "tests/app/hearth_process.h"
#include "tests/downloader/http_test_server.h"

using namespace hearth;
using namespace hearth::test;

namespace {

// English sources whose German translation differs, as patterns for a whole shown text
// (%1 and %n stand for anything).
QList<QPair<QString, QRegularExpression>> replaced_english(const QString& tsFile) {
    QList<QPair<QString, QRegularExpression>> out;
    QFile f(tsFile);
    if (!f.open(QIODevice::ReadOnly)) return out;
    QXmlStreamReader xml(&f);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            // Short ones ("OK", "GPU") read the same in many languages; a pattern of only
            // placeholders matches anything.
            QString bare = source;
            bare.remove(QRegularExpression(QStringLiteral("%[0-9n]")));
            if (translation == source || bare.trimmed().size() < 6) continue;
            QString pattern = QRegularExpression::escape(source);
            pattern.replace(QRegularExpression(QStringLiteral("%[0-9n]")), QStringLiteral(".*"));
            out.append({source, QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$"),
                                                   QRegularExpression::DotMatchesEverythingOption)});
        }
    }
    return out;
}

QStringList shown(const QString& textsFile) {
    QFile f(textsFile);
    QStringList out;
    if (!f.open(QIODevice::ReadOnly)) return out;
    for (const auto& v : QJsonDocument::fromJson(f.readAll()).array()) out << v.toObject().value(QStringLiteral("text")).toString();
    return out;
}

struct Shown {
    QString text;
    bool elided = false;
    QString area;
};

QList<Shown> shown_items(const QString& textsFile) {
    QFile f(textsFile);
    QList<Shown> out;
    if (!f.open(QIODevice::ReadOnly)) return out;
    for (const auto& v : QJsonDocument::fromJson(f.readAll()).array()) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QStringLiteral("text")).toString(), o.value(QStringLiteral("elided")).toBool(),
                    o.value(QStringLiteral("area")).toString()});
    }
    return out;
}

bool any_matches(const QList<Shown>& texts, const QString& pattern, const QString& area = {}) {
    const QRegularExpression re(pattern);
    for (const Shown& t : texts)
        if ((area.isEmpty() || t.area == area) && re.match(t.text).hasMatch()) return true;
    return false;
}

QString listed(const QList<Shown>& texts) {
    QStringList out;
    for (const Shown& t : texts) out << QStringLiteral("“%1”%2").arg(t.text, t.elided ? QStringLiteral(" (elided)") : QString());
    return out.join(QStringLiteral(", "));
}

}  // namespace

class AppFlowsTest : public QObject {
    Q_OBJECT

private slots:
    void init() {
        if (stories_model().isEmpty()) QSKIP("shared test data not found (models/stories260K.gguf); set HEARTH_TESTDATA");
    }

    void firstRunGetsTheDemoModelAndChats() {
        QFile model(stories_model());
        QVERIFY(model.open(QIODevice::ReadOnly));
        TestServer hub;
        // Where the catalog's demo entry points (repo ggml-org/models, tinyllamas/stories260K.gguf);
        // the file listing is not served, so the catalog's pinned size and SHA-256 are used.
        hub.put("/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf",
                Resource(model.readAll().toStdString(), "\"demo\""));

        const auto dir = scratch_dir("app_flow_demo");
        const QString data = QString::fromStdString((dir / "data").string());
        const QString out = QString::fromStdString(dir.string());
        const QString script = out + "/demo.txt";
        QVERIFY(write_file(script, QStringLiteral("wait-ready\n"
                                                  "download-demo\n"
                                                  "expect-loaded\n"
                                                  "sampling seed=3 max=12\n"
                                                  "send Once upon a time\n"
                                                  "dump %1/demo.json\n"
                                                  "quit\n").arg(out)));
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_ENDPOINT"), QString::fromStdString(hub.url("")));
        env.insert(QStringLiteral("HEARTH_CATALOG"), QStringLiteral(HEARTH_SOURCE_ROOT "/resources/catalog.json"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), out + "/xdg");  // no refreshed catalog of the user's
        const Run r = run_hearth(data, script, env);
        QVERIFY2(r.code == 0, qPrintable(r.output.right(900)));  // the end says why

        QCOMPARE(hub.request_count("/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf") > 0, true);
        // In the data folder's models, complete.
        QString landed;
        for (QDirIterator it(data + "/models", {QStringLiteral("*.gguf")}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            landed = it.next();
        QVERIFY2(!landed.isEmpty(), qPrintable(r.output));
        QCOMPARE(QFileInfo(landed).size(), model.size());
        const QJsonArray msgs = messages(out + "/demo.json");
        QCOMPARE(msgs.size(), 2);
        QVERIFY(!content(msgs, 1).isEmpty());
        QVERIFY(msgs.at(1).toObject().value(QStringLiteral("error")).toString().isEmpty());
    }

    // Numbers in the chosen language, live: the Settings screen made in English shows "4,096"
    // and then, without a restart, "4.096" in German; sizes and speeds made in C++ ("2,8 MiB",
    // "49,1 Tokens/s") too. In every language the indicator bar's figures fit, none cut short
    // with "…", at the default window size. The data folder is shown as a home-like path
    // (run_hearth makes the test's folder the home), never the machine's own folders.
    void numbersFollowTheLanguageAndIndicatorsFit() {
        const auto dir = scratch_dir("app_flow_numbers");
        const QString data = QString::fromStdString((dir / "data").string());
        const QString out = QString::fromStdString(dir.string());
        const QStringList languages{"en", "de", "fr", "es", "ja", "zh_CN", "zh_TW"};
        QString lines = QStringLiteral("wait-ready\n"
                                       "add-model %1\n"
                                       "expect-loaded\n"
                                       "sampling seed=5 max=24\n"
                                       "send Once upon a time\n"
                                       "language en\n"
                                       "page settings\n"
                                       "texts %2/en-settings.json\n"
                                       "language de\n"
                                       "texts %2/de-settings.json\n"
                                       "page chats\n").arg(stories_model(), out);
        for (const QString& l : languages) lines += QStringLiteral("language %1\ntexts %2/%1-chats.json\n").arg(l, out);
        const QString script = out + "/numbers.txt";
        QVERIFY(write_file(script, lines + QStringLiteral("quit\n")));
        const Run r = run_hearth(data, script);
        QVERIFY2(r.code == 0, qPrintable(r.output.right(900)));

        const auto en = shown_items(out + "/en-settings.json"), de = shown_items(out + "/de-settings.json");
        QVERIFY2(any_matches(en, QStringLiteral("^4,096$")), qPrintable(listed(en)));
        QVERIFY2(any_matches(de, QStringLiteral("^4\\.096$")), qPrintable(listed(de)));
        QVERIFY2(!any_matches(de, QStringLiteral("^4,096$")), qPrintable(listed(de)));
        // Nothing of the machine's folders: the data folder under the test's home, as "~/data".
        QVERIFY2(any_matches(de, QStringLiteral("~/data")), qPrintable(listed(de)));
        QVERIFY2(!any_matches(de, QRegularExpression::escape(out)), qPrintable(listed(de)));

        const auto enChats = shown_items(out + "/en-chats.json"), deChats = shown_items(out + "/de-chats.json");
        const QString bar = QStringLiteral("indicators");
        QVERIFY2(any_matches(enChats, QStringLiteral("\\d\\.\\d [MG]iB"), bar), qPrintable(listed(enChats)));
        QVERIFY2(any_matches(enChats, QStringLiteral("\\d\\.\\d tokens/s"), bar), qPrintable(listed(enChats)));
        QVERIFY2(any_matches(deChats, QStringLiteral("\\d,\\d [MG]iB von"), bar), qPrintable(listed(deChats)));
        QVERIFY2(!any_matches(deChats, QStringLiteral("\\d\\.\\d [MG]iB"), bar), qPrintable(listed(deChats)));
        QVERIFY2(any_matches(deChats, QStringLiteral("\\d,\\d Tokens/s"), bar), qPrintable(listed(deChats)));

        for (const QString& l : languages) {
            QList<Shown> chips;
            for (const Shown& t : shown_items(out + "/" + l + "-chats.json"))
                if (t.area == bar) chips << t;
            QVERIFY2(chips.size() >= 8, qPrintable(l + ": " + listed(chips)));
            for (const Shown& t : chips) QVERIFY2(!t.elided, qPrintable(l + ": " + listed(chips)));
        }
    }

    // A chat's ⋯ menu opens under its button, wherever the pointer is: it is also opened from the
    // keyboard, and the script's click (like a keyboard) does not move the pointer.
    void rowMenuOpensUnderItsButton() {
        const auto dir = scratch_dir("app_flow_row_menu");
        const QString data = QString::fromStdString((dir / "data").string());
        const QString out = QString::fromStdString(dir.string());
        const QString script = out + "/menu.txt";
        QVERIFY(write_file(script, QStringLiteral(
                        "wait-ready\n"
                        "add-model %1\n"
                        "expect-loaded\n"
                        "sampling seed=5 max=4\n"
                        "send Once upon a time\n"
                        "click ⋯\n"
                        "sleep 400\n"
                        "texts %2/menu.json\n"
                        "quit\n").arg(stories_model(), out)));
        const Run r = run_hearth(data, script);
        QVERIFY2(r.code == 0, qPrintable(r.output.right(900)));
        QFile f(out + "/menu.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QRectF button, rename;
        for (const auto& v : QJsonDocument::fromJson(f.readAll()).array()) {
            const QJsonObject o = v.toObject();
            const QRectF at(o.value(QStringLiteral("x")).toDouble(), o.value(QStringLiteral("y")).toDouble(),
                            o.value(QStringLiteral("width")).toDouble(), o.value(QStringLiteral("height")).toDouble());
            if (o.value(QStringLiteral("text")).toString() == QStringLiteral("⋯")) button = at;
            if (o.value(QStringLiteral("text")).toString() == QStringLiteral("Rename…")) rename = at;
        }
        QVERIFY2(!button.isNull() && !rename.isNull(), "the ⋯ button or the menu's Rename… is not on screen");
        const QString where = QStringLiteral("⋯ at (%1, %2), Rename… at (%3, %4)")
                                  .arg(button.x()).arg(button.y()).arg(rename.x()).arg(rename.y());
        QVERIFY2(rename.top() > button.bottom() && rename.top() - button.bottom() < 80, qPrintable(where));
        QVERIFY2(std::abs(rename.left() - button.left()) < 60, qPrintable(where));
    }

    void translatedScreensShowNoEnglishAndNothingOverlaps() {
        const auto dir = scratch_dir("app_flow_languages");
        const QString data = QString::fromStdString((dir / "data").string());
        const QString out = QString::fromStdString(dir.string());
        const QString shots = QStringLiteral(HEARTH_BINARY_DIR "/screenshots");
        QDir().mkpath(shots);
        const QString script = out + "/languages.txt";
        QVERIFY(write_file(script, QStringLiteral(
                        "wait-ready\n"
                        "add-model %1\n"
                        "expect-loaded\n"
                        "sampling seed=5 max=24\n"
                        "send Once upon a time\n"
                        "regenerate -1\n"
                        "language de\n"
                        "page chats\n"
                        "texts %2/de-chats.json\n"
                        "check-layout\n"
                        "page models\n"
                        "texts %2/de-models.json\n"
                        "check-layout\n"
                        "page settings\n"
                        "texts %2/de-settings.json\n"
                        "check-layout\n"
                        "screenshot %3/settings-light-de-flows.png\n"
                        "language ar\n"
                        "page chats\n"
                        "check-layout\n"
                        "screenshot %3/chat-light-ar.png\n"
                        "page settings\n"
                        "check-layout\n"
                        "screenshot %3/settings-light-ar.png\n"
                        "language zh_CN\n"
                        "page chats\n"
                        "check-layout\n"
                        "screenshot %3/chat-light-zh_CN.png\n"
                        "theme dark\n"
                        "page settings\n"
                        "check-layout\n"
                        "screenshot %3/settings-dark-zh_CN.png\n"
                        "language ja\n"
                        "page models\n"
                        "check-layout\n"
                        "screenshot %3/models-dark-ja.png\n"
                        "quit\n").arg(stories_model(), out, shots)));
        const Run r = run_hearth(data, script);
        QVERIFY2(r.code == 0, qPrintable(r.output.right(900)));  // the end says why

        const auto english = replaced_english(QStringLiteral(HEARTH_TS_DIR "/hearth_de.ts"));
        QVERIFY(english.size() > 100);
        QStringList left;
        for (const char* page : {"chats", "models", "settings"}) {
            const QStringList texts = shown(out + "/de-" + page + ".json");
            QVERIFY2(texts.size() > 5, page);
            for (const QString& t : texts)
                for (const auto& [source, pattern] : english)
                    if (pattern.match(t.trimmed()).hasMatch()) left << QStringLiteral("%1: “%2” (%3)").arg(QLatin1String(page), t, source);
        }
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("English left on German screens: ") + left.join(QStringLiteral("; "))));
        for (const char* name : {"settings-light-de-flows", "chat-light-ar", "settings-light-ar", "chat-light-zh_CN",
                                 "settings-dark-zh_CN", "models-dark-ja"})
            QVERIFY2(looks_drawn(shots + "/" + name + ".png"), name);
    }
};

QTEST_GUILESS_MAIN(AppFlowsTest)
#include "app_flows_test.moc"
