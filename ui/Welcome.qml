import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// What an empty chat shows: on first run, the way to get a model (the 1 MB demo, a file from
// disk, or Models); afterwards, a few ideas to start from.
Item {
    id: welcome
    signal openModels()
    signal suggest(string text)

    readonly property bool noModels: App.models.scanned && App.models.count === 0
    readonly property bool noneLoaded: App.models.loadedPath.length === 0

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 64, 600)
        spacing: 14

        Label {
            Layout.fillWidth: true
            text: welcome.noModels ? qsTr("Welcome to Hearth") : qsTr("What would you like to talk about?")
            font.pixelSize: Theme.title + 4
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            Layout.fillWidth: true
            text: welcome.noModels
                  ? qsTr("Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.")
                  : welcome.noneLoaded ? qsTr("Pick a model under Models to start chatting.")
                  : qsTr("Everything stays on this computer. Your chats are saved and can be searched.")
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }

        // First run: the demo model, so the app works at once.
        Pane {
            visible: welcome.noModels
            Layout.fillWidth: true
            Layout.topMargin: 8
            padding: 18
            background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }
            ColumnLayout {
                width: parent.width
                spacing: 10
                Label {
                    text: qsTr("Try it now with the demo model")
                    font.bold: true
                    font.pixelSize: Theme.large
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("A tiny model (1 MB) that writes short children's stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.")
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                }
                ProgressBar {
                    visible: App.models.downloading
                    Layout.fillWidth: true
                    value: App.models.downloadProgress
                }
                Label {
                    visible: App.models.downloadError.length > 0
                    Layout.fillWidth: true
                    text: App.models.downloadError
                    color: Theme.error
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    Button {
                        id: demoButton
                        text: App.models.downloading ? qsTr("Downloading…") : qsTr("Get the demo model (1 MB)")
                        enabled: !App.models.downloading
                        highlighted: true
                        onClicked: App.models.downloadDemo()
                        FocusRing { target: demoButton }
                    }
                    Button {
                        id: modelsButton
                        text: qsTr("Go to Models")
                        flat: true
                        onClicked: welcome.openModels()
                        FocusRing { target: modelsButton }
                    }
                }
            }
        }

        Button {
            visible: !welcome.noModels && welcome.noneLoaded
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Go to Models")
            highlighted: true
            onClicked: welcome.openModels()
        }

        Flow {
            visible: !welcome.noModels && !welcome.noneLoaded
            Layout.fillWidth: true
            Layout.topMargin: 8
            spacing: 8
            Repeater {
                model: [qsTr("Tell me a short story about a brave little fox."),
                        qsTr("Explain how a rainbow forms, simply."),
                        qsTr("Write a polite email declining an invitation.")]
                delegate: Button {
                    required property string modelData
                    text: modelData
                    flat: true
                    font.pixelSize: Theme.small
                    onClicked: welcome.suggest(modelData)
                    background: Rectangle { radius: 16; color: Theme.surface; border.color: Theme.border }
                }
            }
        }
    }
}
