// Every shipped translation is complete and current: no unfinished or empty entry, and every
// string the sources hold today (found by running lupdate on ui/ and app/qt/ afresh) has its
// translation in every language. The compiled .qm files load and translate.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct TsFile {
    QSet<QString> keys;        // context + "\x1f" + source
    QStringList problems;      // unfinished or empty entries
};

TsFile read_ts(const QString& path) {
    TsFile out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        out.problems << QStringLiteral("cannot read");
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("name")) context = xml.readElementText();
        else if (xml.name() == QLatin1String("source")) source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                out.problems << context + ": " + source;
            if (type != QLatin1String("vanished") && type != QLatin1String("obsolete"))
                out.keys.insert(context + QChar(0x1f) + source);
        }
    }
    return out;
}

}  // namespace

class TranslationsTest : public QObject {
    Q_OBJECT

private slots:
    void everyLanguageIsShippedAndComplete() {
        const QStringList want{"en", "de", "fr", "es", "ja", "zh_CN", "zh_TW"};
        for (const QString& lang : want) {
            const TsFile ts = read_ts(QStringLiteral(HEARTH_TS_DIR "/hearth_%1.ts").arg(lang));
            QVERIFY2(ts.problems.isEmpty(), qPrintable(lang + " unfinished: " + ts.problems.join(QStringLiteral("; "))));
            QVERIFY2(ts.keys.size() > 200, qPrintable(lang));
        }
    }

    void everySourceStringIsTranslated() {
        // lupdate over today's sources, into a scratch file: what the app can show.
        const QString lupdate = QStringLiteral(HEARTH_LUPDATE);
        const QString scratch = QDir::temp().filePath(QStringLiteral("hearth_current_%1.ts").arg(QCoreApplication::applicationPid()));
        QFile::remove(scratch);
        QProcess p;
        p.setWorkingDirectory(QStringLiteral(HEARTH_SOURCE_ROOT));
        p.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-I"), QStringLiteral("."), QStringLiteral("ui"), QStringLiteral("app/qt"), QStringLiteral("-ts"), scratch});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const TsFile current = read_ts(scratch);
        QFile::remove(scratch);
        QVERIFY(current.keys.size() > 200);
        for (const char* lang : {"en", "de", "fr", "es", "ja", "zh_CN", "zh_TW"}) {
            const TsFile ts = read_ts(QStringLiteral(HEARTH_TS_DIR "/hearth_%1.ts").arg(QString::fromLatin1(lang)));
            QStringList missing;
            for (const QString& k : current.keys)
                if (!ts.keys.contains(k)) missing << QString(k).replace(QChar(0x1f), QStringLiteral(": "));
            QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 lacks (run update_translations and translate): %2")
                                                       .arg(QString::fromLatin1(lang), missing.join(QStringLiteral("; ")))));
        }
    }

    void compiledTranslationsLoadAndTranslate() {
        QTranslator de;
        QVERIFY2(de.load(QStringLiteral(HEARTH_QM_DIR "/hearth_de.qm")), "hearth_de.qm missing from the build");
        QCOMPARE(de.translate("Composer", "Send"), QStringLiteral("Senden"));
        QTranslator ja;
        QVERIFY(ja.load(QStringLiteral(HEARTH_QM_DIR "/hearth_ja.qm")));
        QCOMPARE(ja.translate("Sidebar", "Settings"), QStringLiteral("設定"));
        const QStringList qms = QDir(QStringLiteral(HEARTH_QM_DIR)).entryList({QStringLiteral("hearth_*.qm")});
        QCOMPARE(qms.size(), 7);
        for (const auto& qm : qms) {
            QTranslator t;
            QVERIFY2(t.load(QStringLiteral(HEARTH_QM_DIR "/") + qm), qPrintable(qm));
            QVERIFY2(!t.isEmpty(), qPrintable(qm + " has no translations"));
        }
    }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "translations_test.moc"
