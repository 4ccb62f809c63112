import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Where the user writes. Enter sends, Shift+Enter starts a new line; while a reply is being
// written the button stops it (so does Escape).
Rectangle {
    id: composer
    function focusInput() { input.forceActiveFocus() }
    function setText(t) { input.text = t; input.forceActiveFocus(); input.cursorPosition = t.length }
    function send() {
        if (App.chat.busy || input.text.trim().length === 0) return
        App.chat.send(input.text)
        input.text = ""
    }

    implicitHeight: frame.implicitHeight + 24
    color: Theme.window

    Rectangle {
        id: frame
        anchors.fill: parent
        anchors.margins: 12
        anchors.leftMargin: 24
        anchors.rightMargin: 24
        implicitHeight: Math.min(200, Math.max(56, input.implicitHeight + 16))
        radius: 16
        color: Theme.surface
        border.color: input.activeFocus ? Theme.accent : Theme.border
        border.width: input.activeFocus ? 2 : 1

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 14
            anchors.rightMargin: 8
            spacing: 8
            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                TextArea {
                    id: input
                    placeholderText: App.models.loadedPath.length > 0 ? qsTr("Write a message… (Enter sends, Shift+Enter for a new line)")
                                                                     : qsTr("Load a model first (Models), then write here.")
                    wrapMode: TextEdit.Wrap
                    background: null
                    font.pixelSize: Theme.base
                    Accessible.role: Accessible.EditableText
                    Accessible.name: qsTr("Message")
                    Keys.onReturnPressed: (event) => {
                        if (event.modifiers & Qt.ShiftModifier) event.accepted = false
                        else composer.send()
                    }
                    Keys.onEnterPressed: (event) => composer.send()
                }
            }
            Button {
                id: sendButton
                text: App.chat.busy ? qsTr("Stop") : qsTr("Send")
                highlighted: !App.chat.busy
                enabled: App.chat.busy || input.text.trim().length > 0
                onClicked: App.chat.busy ? App.chat.stop() : composer.send()
                Accessible.name: App.chat.busy ? qsTr("Stop the reply") : qsTr("Send the message")
                FocusRing { target: sendButton }
            }
        }
    }
}
