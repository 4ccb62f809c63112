// The real `hearth` binary as the end-to-end tests run it: a process over a data folder, driven
// by a --script file (app/qt/automation.h), under xvfb-run when the build found it; and what
// those scripts leave behind (message dumps, screenshots).
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QString>

namespace hearth::test {

struct Run {
    int code = -1;
    QString output;
};

// hearth --data-dir DIR --script FILE, under xvfb-run when available, with `extra` added to the
// environment.
inline Run run_hearth(const QString& dataDir, const QString& script, const QProcessEnvironment& extra = {}) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The data folder's parent is the home, so the screens (and the screenshots the tests commit)
    // show "~/data", nothing of the machine's own folders. Caches stay where they were: a fresh
    // font or shader cache would only slow the start.
    if (!env.contains(QStringLiteral("XDG_CACHE_HOME")))
        env.insert(QStringLiteral("XDG_CACHE_HOME"), QDir::homePath() + QStringLiteral("/.cache"));
    env.insert(QStringLiteral("HOME"), QFileInfo(dataDir).absolutePath());
    env.insert(extra);
    QString program = QStringLiteral(HEARTH_APP_PATH);
    QStringList args{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--script"), script};
    const QString xvfb = env.value(QStringLiteral("HEARTH_USE_XVFB"));
    if (!xvfb.isEmpty()) {
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        // Our own auth file: otherwise xvfb-run makes a temporary folder and, when removing it fails
        // (seen with several xvfb-runs at once), exits 5 in place of hearth's own exit status.
        args = QStringList{QStringLiteral("-a"), QStringLiteral("-f"), dataDir + QStringLiteral(".xauth"),
                           QStringLiteral("--server-args=-screen 0 1280x800x24"), program} + args;
        program = xvfb;
    }
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        r.output = QString::fromLocal8Bit(p.readAll());
        return r;
    }
    r.output = QString::fromLocal8Bit(p.readAll());
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

inline bool write_file(const QString& path, const QString& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

inline QJsonArray messages(const QString& dumpFile) {
    QFile f(dumpFile);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("messages")).toArray();
}

inline QString content(const QJsonArray& msgs, int i) { return msgs.at(i).toObject().value(QStringLiteral("content")).toString(); }
inline int siblings(const QJsonArray& msgs, int i) { return msgs.at(i).toObject().value(QStringLiteral("siblingCount")).toInt(); }

// A real picture: a drawn window has many colours (text is anti-aliased).
inline bool looks_drawn(const QString& path) {
    QImage image(path);
    if (image.isNull() || image.width() < 600) return false;
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
    return colours.size() > 40;
}

}  // namespace hearth::test
