#include "app/qt/ui_inspect.h"

#include <QQuickItem>
#include <QVariant>

namespace {

// Something the user operates: a caption drawn over it hides it or is hidden by it.
bool is_control(const QQuickItem* item) {
    for (const char* type : {"QQuickAbstractButton", "QQuickSpinBox", "QQuickComboBox", "QQuickSlider",
                             "QQuickTextInput", "QQuickTextEdit"})
        if (item->inherits(type)) return true;
    return item->activeFocusOnTab();
}

// The box of a Text item's letters (not of the item: a caption that does not wrap or elide draws
// past its own width), from its content size and alignment.
QRectF letters(const QQuickItem* text) {
    const qreal cw = text->property("contentWidth").toReal(), ch = text->property("contentHeight").toReal();
    const int h = text->property("effectiveHorizontalAlignment").toInt();
    const int v = text->property("verticalAlignment").toInt();
    qreal x = 0, y = 0;
    if (h & Qt::AlignRight) x = text->width() - cw;
    else if (h & Qt::AlignHCenter) x = (text->width() - cw) / 2;
    if (v & Qt::AlignBottom) y = text->height() - ch;
    else if (v & Qt::AlignVCenter) y = (text->height() - ch) / 2;
    return text->mapRectToScene(QRectF(x, y, cw, ch));
}

struct Walk {
    QList<ShownText> texts;
    QList<QPair<const QQuickItem*, QRectF>> textItems;
    QList<QPair<const QQuickItem*, QRectF>> controls;

    void visit(const QQuickItem* item, qreal opacity, QRectF clip, bool inControl, QString area) {
        if (!item->isVisible()) return;
        opacity *= item->opacity();
        if (opacity < 0.05) return;
        if (item->clip()) clip &= item->mapRectToScene(item->boundingRect());
        if (clip.isEmpty()) return;
        if (!item->objectName().isEmpty()) area = item->objectName();
        const bool control = is_control(item);
        if (control) controls.append({item, item->mapRectToScene(item->boundingRect()) & clip});
        // A field's own text (QQuickTextInput) is part of its control: shown, never an overlap.
        const bool field = item->inherits("QQuickTextInput");
        if (item->inherits("QQuickText") || field) {
            const QString text = item->property("text").toString();
            const QRectF drawn = letters(item) & clip;
            if (!text.trimmed().isEmpty() && !drawn.isEmpty()) {
                texts.append({text, drawn, inControl || field, item->property("truncated").toBool(), area});
                if (!inControl && !field) textItems.append({item, drawn});
            }
        }
        for (const QQuickItem* child : item->childItems()) visit(child, opacity, clip, inControl || control, area);
    }
};

Walk walk(QQuickItem* root) {
    Walk w;
    if (root) w.visit(root, 1.0, root->mapRectToScene(root->boundingRect()), false, QString());
    return w;
}

QString describe(const QQuickItem* item) {
    QString name = QString::fromLatin1(item->metaObject()->className()).section(u'_', 0, 0);
    const QString text = item->property("text").toString();
    if (!text.isEmpty()) name += QStringLiteral(" “%1”").arg(text.left(40));
    return name;
}

}  // namespace

QList<ShownText> shown_texts(QQuickItem* root) { return walk(root).texts; }

QStringList text_overlaps(QQuickItem* root) {
    const Walk w = walk(root);
    QStringList out;
    for (const auto& [text, drawn] : w.textItems) {
        // A layout that holds a text narrower than its letters: the text spills out of its panel.
        for (const QQuickItem* p = text->parentItem(); p; p = p->parentItem()) {
            if (!p->inherits("QQuickLayout")) continue;
            const QRectF box = p->mapRectToScene(p->boundingRect());
            if (drawn.left() < box.left() - 2 || drawn.right() > box.right() + 2) {
                out << QStringLiteral("%1 at (%2,%3 %4x%5) runs out of its layout (%6 to %7)").arg(describe(text)).arg(drawn.x())
                           .arg(drawn.y()).arg(drawn.width()).arg(drawn.height()).arg(box.left()).arg(box.right());
                break;
            }
        }
        for (const auto& [control, box] : w.controls) {
            const QRectF both = drawn & box;
            // A pixel or two is anti-aliasing and rounding, not a caption under a button.
            if (both.width() < 3 || both.height() < 3) continue;
            bool related = false;
            for (const QQuickItem* p = control; p && !related; p = p->parentItem()) related = p == text;
            if (related) continue;
            out << QStringLiteral("%1 at (%2,%3 %4x%5) runs into %6").arg(describe(text)).arg(drawn.x()).arg(drawn.y())
                       .arg(drawn.width()).arg(drawn.height()).arg(describe(control));
        }
    }
    return out;
}
