// ModelLibrary and Indicators with stories260K on lavapipe: files in the models folder are
// found and recorded, picking one loads it, a damaged file is refused with a reason and the
// loaded model stays usable; the indicators then show real memory figures and the accuracy
// estimate for the file's type.
#include <QSignalSpy>
#include <QtTest>
#include <fstream>

#include "app/qt/quant_accuracy.h"
#include "storage/conversations.h"
#include "tests/app/app_fixture.h"
#include "tests/downloader/http_test_server.h"

using namespace hearth;
using hearth::test::AppUnderTest;

class ModelLibraryTest : public QObject {
    Q_OBJECT

private slots:
    void describesAccuracyInWords() {
        const AccuracyText est = describe_accuracy(QStringLiteral("q4_k_m"), std::nullopt, std::nullopt);
        QVERIFY(est.estimate);
        QVERIFY2(est.summary.contains(QStringLiteral("97 %")), qPrintable(est.summary));  // +0.1754 of 6.23
        QVERIFY(est.detail.contains(QStringLiteral("Q4_K_M")));
        const AccuracyText measured = describe_accuracy(QStringLiteral("Q4_K_M"), 0.0123, 0.941);
        QVERIFY(!measured.estimate);
        QVERIFY(measured.summary.contains(QStringLiteral("94 %")));
        QVERIFY(measured.detail.contains(QStringLiteral("0.0123")));
        QVERIFY(describe_accuracy(QStringLiteral("IQ9_Z"), std::nullopt, std::nullopt).summary.contains(QStringLiteral("Not known")));
        QCOMPARE(size_level_words(QStringLiteral("Q8_0")), QStringLiteral("8-bit (Q8_0)"));
        QCOMPARE(size_level_words(QStringLiteral("Q4_K_M")), QStringLiteral("4-bit (Q4_K_M)"));
    }

    void findsLoadsAndRefusesDamagedFiles() {
        const QString model = test::stories_model();
        if (model.isEmpty()) QSKIP("shared test data not found (models/stories260K.gguf); set HEARTH_TESTDATA");
        AppUnderTest t("model_library");
        // A model already in the models folder (a link, as a user's copy would be).
        std::filesystem::create_directories(t.dir / "models");
        std::filesystem::create_symlink(model.toStdString(), t.dir / "models/stories.gguf");
        QVERIFY(t.waitReady());
        ModelLibrary* lib = t.app->models();
        QCOMPARE(lib->rowCount(), 1);
        const QModelIndex row = lib->index(0);
        QCOMPARE(lib->data(row, ModelLibrary::NameRole).toString(), QStringLiteral("stories"));
        QCOMPARE(lib->data(row, ModelLibrary::ArchitectureRole).toString(), QStringLiteral("llama"));
        QVERIFY(!lib->data(row, ModelLibrary::SizeTextRole).toString().isEmpty());

        const QString inFolder = QString::fromStdString((t.dir / "models/stories.gguf").string());
        QSignalSpy loaded(lib, &ModelLibrary::modelLoaded);
        lib->use(inFolder);
        QVERIFY(loaded.wait(120000));
        QCOMPARE(lib->loadedPath(), inFolder);
        QVERIFY(lib->data(row, ModelLibrary::LoadedRole).toBool());

        Indicators* ind = t.app->indicators();
        QVERIFY(ind->modelLoaded());
        QVERIFY(QTest::qWaitFor([&] { return ind->vramUsedGiB() > 0; }, 10000));
        QVERIFY(ind->vramBreakdown().contains(QStringLiteral("Model weights")));
        QVERIFY(ind->vramPrediction().contains(QStringLiteral("Predicted")));
        QVERIFY(!ind->accuracy().isEmpty());

        // A damaged file: refused with its name and the reason; the loaded model stays.
        const auto broken = t.dir / "broken.gguf";
        {
            std::ifstream in(model.toStdString(), std::ios::binary);
            std::vector<char> bytes(4096);
            in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            std::ofstream out(broken, std::ios::binary);
            out.write(bytes.data(), in.gcount());
        }
        lib->addFile(QUrl::fromLocalFile(QString::fromStdString(broken.string())));
        QVERIFY(QTest::qWaitFor([&] { return !lib->errorText().isEmpty(); }, 10000));
        QVERIFY2(lib->errorText().contains(QStringLiteral("broken.gguf")), qPrintable(lib->errorText()));
        // Named once, by its name: the folder it lies in says nothing the user can act on.
        const QString folder = QString::fromStdString(t.dir.string());
        QVERIFY2(!lib->errorText().contains(folder), qPrintable(lib->errorText()));
        QCOMPARE(lib->errorText().count(QStringLiteral("broken.gguf")), 1);
        QVERIFY2(lib->errorText().contains(QStringLiteral("download it again")), qPrintable(lib->errorText()));
        QCOMPARE(lib->loadedPath(), inFolder);
        QCOMPARE(lib->rowCount(), 1);

        // A file the engine cannot open at load time reports through the same place.
        QSignalSpy failed(lib, &ModelLibrary::modelFailed);
        lib->use(QString::fromStdString(broken.string()));
        QVERIFY(failed.wait(30000));
        QVERIFY(!lib->errorText().isEmpty());
        QVERIFY2(!lib->errorText().contains(folder), qPrintable(lib->errorText()));
        QCOMPARE(lib->errorText().count(QStringLiteral("broken.gguf")), 1);
    }

    void settingsPersistAndSwitchLanguage() {
        AppUnderTest t("app_settings");
        QVERIFY(t.waitReady());
        AppSettings* s = t.app->settings();
        s->setTheme(QStringLiteral("dark"));
        s->setDefaultContext(2048);
        s->setOffline(true);
        // The data folder shown is the one in use; the export folder is kept.
        QCOMPARE(std::filesystem::path(s->dataFolder().toStdString()), t.dir);
        const QUrl exports = QUrl::fromLocalFile(QString::fromStdString(test::scratch_dir("app_settings_exports").string()));
        s->setExportFolder(exports);
        s->setLanguage(QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("Composer", "Send"), QStringLiteral("Senden"));
        s->setLanguage(QStringLiteral("ar"));  // no translation, but right to left
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
        QVERIFY(s->rightToLeft());
        s->setLanguage(QStringLiteral("en"));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);

        // Offline: the demo download is refused with a way out.
        t.app->models()->downloadDemo();
        QVERIFY(t.app->models()->downloadError().contains(QStringLiteral("offline")));

        t.restart();
        QVERIFY(t.waitReady());
        QCOMPARE(t.app->settings()->theme(), QStringLiteral("dark"));
        QCOMPARE(t.app->settings()->defaultContext(), 2048);
        QVERIFY(t.app->settings()->offline());
        QCOMPARE(t.app->settings()->exportFolder(), exports);
        QCOMPARE(t.app->settings()->language(), QStringLiteral("en"));
    }

    void goingOfflinePausesTheDemoDownload() {
        if (test::stories_model().isEmpty()) QSKIP("shared test data not found (models/stories260K.gguf); set HEARTH_TESTDATA");
        QFile model(test::stories_model());
        QVERIFY(model.open(QIODevice::ReadOnly));
        const std::string path = "/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf";
        test::TestServer hub;
        hub.put(path, test::Resource(model.readAll().toStdString(), "\"demo\""));
        // Slow enough to be caught midway: 4 KiB every 50 ms.
        test::Fault slow;
        slow.kind = test::Fault::trickle;
        slow.chunk = 4096;
        slow.delay_ms = 50;
        hub.add_fault(path, slow);
        qputenv("HF_ENDPOINT", QByteArray::fromStdString(hub.url("")));
        qputenv("HEARTH_CATALOG", HEARTH_SOURCE_ROOT "/resources/catalog.json");

        AppUnderTest t("app_offline");
        QVERIFY(t.waitReady());
        ModelLibrary* lib = t.app->models();
        lib->downloadDemo();
        QVERIFY(QTest::qWaitFor([&] { return lib->downloadProgress() > 0; }, 20000));
        t.app->settings()->setOffline(true);
        QVERIFY(!lib->downloading());
        QVERIFY2(lib->downloadError().contains(QStringLiteral("offline")), qPrintable(lib->downloadError()));
        // Nothing more arrives: the partial file stops growing, and no model is added.
        auto bytes = [&] {
            std::uintmax_t n = 0;
            std::error_code ec;
            for (const auto& e : std::filesystem::recursive_directory_iterator(t.dir / "models", ec))
                if (e.is_regular_file()) n += e.file_size();
            return n;
        };
        QTest::qWait(400);  // what was already on its way
        const auto before = bytes();
        QTest::qWait(1000);  // 20 more chunks, were it still running
        QCOMPARE(bytes(), before);
        QVERIFY(lib->loadedPath().isEmpty());
        QCOMPARE(lib->rowCount(), 0);
        qunsetenv("HF_ENDPOINT");
        qunsetenv("HEARTH_CATALOG");
    }

    void backupWritesACopy() {
        AppUnderTest t("app_backup");
        QVERIFY(t.waitReady());
        const auto out = test::scratch_dir("app_backup_out");
        t.app->settings()->backupNow(QUrl::fromLocalFile(QString::fromStdString(out.string())));
        QVERIFY(QTest::qWaitFor([&] { return t.app->settings()->backupStatus().contains(QStringLiteral("saved")); }, 20000));
        int files = 0;
        for (const auto& e : std::filesystem::directory_iterator(out)) files += e.path().extension() == ".sqlite3";
        QCOMPARE(files, 1);

        // Restore: a chat made after the backup is gone once the app starts again over it.
        QString backup;
        for (const auto& e : std::filesystem::directory_iterator(out)) backup = QString::fromStdString(e.path().string());
        auto later = t.services->database()->write<int64_t>(
            [](storage::Connection& c) { return storage::create_conversation(c, {.title = "After the backup"}); }).get();
        QVERIFY(later);
        t.app->settings()->restoreAtNextStart(QUrl::fromLocalFile(backup));
        QVERIFY(QTest::qWaitFor([&] { return !t.app->settings()->backupStatus().contains(QStringLiteral("saved")); }, 20000));
        QVERIFY2(!t.app->settings()->backupStatus().contains(QStringLiteral("fail")), qPrintable(t.app->settings()->backupStatus()));
        t.restart();
        QVERIFY(t.waitReady());
        const int64_t id = *later;
        auto gone = t.services->database()->read<storage::Conversation>(
            [id](storage::Connection& c) { return storage::get_conversation(c, id); });
        QVERIFY(!gone);
    }
};

QTEST_MAIN(ModelLibraryTest)
#include "model_library_test.moc"
