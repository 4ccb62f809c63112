// Every shipped translation compiles, loads, and actually translates the app's strings: a .ts file
// whose entries went stale after a source change would silently show English.
#include <QCoreApplication>
#include <QDir>
#include <QTranslator>
#include <QtTest>

class TranslationsTest : public QObject {
    Q_OBJECT

private slots:
    void germanTranslatesTheDeviceScreen() {
        QTranslator t;
        QVERIFY2(t.load(QStringLiteral(HEARTH_QM_DIR "/hearth_de.qm")), "hearth_de.qm missing from the build");
        QCOMPARE(t.translate("DeviceCard", "Driver"), QStringLiteral("Treiber"));
        QCOMPARE(t.translate("Main", "Private AI chat on your own GPU. These are the graphics devices Hearth can use:"),
                 QStringLiteral("Privater KI-Chat auf deiner eigenen GPU. Diese Grafikgeräte kann Hearth nutzen:"));
    }

    void everyTranslationFileLoads() {
        const QStringList qms = QDir(QStringLiteral(HEARTH_QM_DIR)).entryList({QStringLiteral("hearth_*.qm")});
        QVERIFY(!qms.isEmpty());
        for (const auto& qm : qms) {
            QTranslator t;
            QVERIFY2(t.load(QStringLiteral(HEARTH_QM_DIR "/") + qm), qPrintable(qm));
            QVERIFY2(!t.isEmpty(), qPrintable(qm + " has no translations"));
        }
    }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "translations_test.moc"
