import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A short message at the bottom of the window, with at most one action (Undo, Open).
Popup {
    id: bar
    property string message
    property string action
    property var callback: null
    function show(text, actionText, fn) { message = text; action = actionText; callback = fn; open(); hideTimer.restart() }

    x: (parent ? (parent.width - width) / 2 : 0)
    y: (parent ? parent.height - height - 72 : 0)
    width: Math.min(560, parent ? parent.width - 48 : 560)
    padding: 12
    closePolicy: Popup.CloseOnEscape
    background: Rectangle { radius: Theme.radius; color: Theme.dark ? "#e8e2de" : "#2b2725" }
    contentItem: RowLayout {
        spacing: 12
        Accessible.role: Accessible.AlertMessage
        Accessible.name: bar.message
        Label {
            Layout.fillWidth: true
            text: bar.message
            color: Theme.dark ? "#1f1b18" : "#f5efeb"
            wrapMode: Text.WordWrap
        }
        Button {
            visible: bar.action.length > 0
            text: bar.action
            flat: true
            onClicked: { if (bar.callback) bar.callback(); bar.close() }
        }
    }
    Timer { id: hideTimer; interval: 7000; onTriggered: bar.close() }
}
