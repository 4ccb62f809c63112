import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// One figure of the indicator bar: a caption, a value, an optional bar, and more on hover or
// keyboard focus.
Control {
    id: chip
    property string caption
    property string value
    property string detail
    property real fraction: -1      // 0..1 draws a small bar; < 0 none
    property color barColor: Theme.accent
    property string badge           // e.g. "estimate"
    property string note            // a second, smaller line where a bar would be ("first word in 34 ms")
    property bool hasNote: false    // keeps the note's line even while it is empty: the bar does not jump
    readonly property var tip: tipLoader.item  // null until first wanted
    property int valueLines: 1      // a value that may wrap rather than be cut (the bar is as tall as caption, value and note)

    // Captions on one line across the bar, whichever chips have a second line under their value.
    Layout.alignment: Qt.AlignTop
    activeFocusOnTab: true
    hoverEnabled: true
    padding: 6
    leftPadding: 10
    rightPadding: 10
    Accessible.role: Accessible.StaticText
    Accessible.name: caption + ": " + value + (note.length > 0 ? ", " + note : "")
    Accessible.description: detail

    contentItem: ColumnLayout {
        spacing: 2
        RowLayout {
            spacing: 6
            Label {
                text: chip.caption
                color: Theme.textMuted
                font.pixelSize: Theme.small
            }
            Label {
                visible: chip.badge.length > 0
                text: chip.badge
                font.pixelSize: Theme.small - 1
                color: Theme.warn
                font.italic: true
            }
        }
        Label {
            text: chip.value
            font.pixelSize: Theme.base - 1
            font.bold: true
            wrapMode: chip.valueLines > 1 ? Text.WordWrap : Text.NoWrap
            maximumLineCount: chip.valueLines
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.maximumWidth: 330
        }
        Label {
            visible: chip.hasNote
            text: chip.note
            color: Theme.textMuted
            font.pixelSize: Theme.small
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.maximumWidth: 330
        }
        Rectangle {
            visible: chip.fraction >= 0
            Layout.preferredWidth: 120
            height: 4
            radius: 2
            color: Theme.border
            Rectangle {
                width: parent.width * Math.max(0, Math.min(1, chip.fraction))
                height: parent.height
                radius: 2
                color: chip.barColor
            }
        }
    }
    background: Rectangle {
        radius: 8
        color: chip.hovered || chip.activeFocus ? Theme.surfaceAlt : "transparent"
        FocusRing { target: chip }
    }
    // Its own tooltip, at most 420 pixels wide: the shared one grew to the window's width with
    // the breakdown's several lines. Made the first time it is wanted, not with the window.
    Loader {
        id: tipLoader
        active: chip.hovered || chip.activeFocus || item !== null
        sourceComponent: ToolTip {
            parent: chip
            visible: (chip.hovered || chip.activeFocus) && chip.detail.length > 0
            delay: 300
            text: chip.detail
            width: Math.min(implicitWidth, 420)
            x: (chip.width - width) / 2  // centred on the chip; the window's edges keep it in
        }
    }
}
