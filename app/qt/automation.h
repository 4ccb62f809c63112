// A test-only hook: `hearth --script FILE` runs the commands in FILE against the live app, one
// after another, each waiting for what it started to finish, and exits (0 when every command
// succeeded, 3 otherwise, with the reason on stderr). The end-to-end tests drive the real binary
// this way; the commands act through the same view-model calls the QML buttons make.
//
// One command per line; blank lines and lines starting with # are skipped:
//   wait-ready                      the database is open, the model list and settings are read
//   add-model PATH                  add a GGUF file and wait until it loaded or failed
//   expect-model-error TEXT         the Models screen shows an error containing TEXT
//   expect-loaded                   a model is loaded
//   new-chat | open-latest          start an empty chat | open the newest chat in the list
//   sampling KEY=VALUE ...          temperature top_k top_p min_p repeat seed max
//   send TEXT                       send and wait for the whole reply
//   send-stop N TEXT                send, press Stop after N tokens, wait
//   regenerate ROW | edit ROW TEXT | branch ROW DELTA      (ROW -1: the last message)
//   dump FILE                       the visible messages as JSON
//   page chats|models|settings      show a screen
//   download-demo                   fetch the demo model (first run) and wait until it is loaded
//   texts FILE                      every text on screen, with where it is drawn, as JSON
//   check-layout                    fails when a caption runs into a control beside it
//   click TEXT | hover TEXT         the pointer on the text shown (the last of equal ones): a click,
//                                   or a rest long enough for its tooltip; fails when it is not shown
//   theme light|dark|system  language CODE  screenshot FILE  sleep MS  quit
#pragma once

#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>

class HearthApp;
class QQuickWindow;

class ScriptRunner : public QObject {
    Q_OBJECT

public:
    ScriptRunner(QQuickWindow* window, HearthApp* app, QStringList lines, QObject* parent = nullptr);
    static QStringList readScript(const QString& path, QString* error);
    void start();

private:
    void step();
    bool begin(const QString& line);  // false: the command is unknown or malformed
    void fail(const QString& why);
    void pointer(QEvent::Type type, QPointF at);  // a mouse event at a point of the window

    QQuickWindow* window_;
    HearthApp* app_;
    QStringList lines_;
    int next_ = 0;
    QString current_;
    std::function<bool()> waitFor_;  // polled until true
    QElapsedTimer waited_;
    qint64 timeoutMs_ = 180000;
    int repliesDone_ = 0;
    QTimer timer_;
};
