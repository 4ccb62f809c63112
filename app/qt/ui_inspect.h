// What the window shows, read back from the live item tree for the tests' --script hook: every
// text a user can see, where its letters are drawn, and which of them run into a control that
// is not their own or out of their layout (what a long translation does to a fixed layout).
#pragma once

#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

class QQuickItem;

struct ShownText {
    QString text;
    QRectF drawn;      // the letters' box, in window coordinates
    bool inControl = false;  // part of a focusable control (a button's own caption)
    bool elided = false;     // cut short with "…" because its box is too narrow
    QString area;            // the objectName of the nearest named item around it ("indicators")
};

// The texts drawn in `root`'s tree: visible, not transparent, and not clipped away; captions and
// what a field (a SpinBox's "4.096") shows.
QList<ShownText> shown_texts(QQuickItem* root);
// "caption “…” runs into Button “…”" for each text whose letters overlap a focusable control it
// is not part of, or reach past the sides of a layout it is in; empty when nothing overlaps.
QStringList text_overlaps(QQuickItem* root);
