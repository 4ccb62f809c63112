import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth

// The models on this computer: pick the one that answers, add a GGUF file (button or drop it
// on the window), or get the demo model. Browsing and downloading more comes later.
Item {
    id: page
    signal modelChosen()

    DropArea {
        id: drop
        anchors.fill: parent
        keys: ["text/uri-list"]
        onDropped: (event) => { for (const u of event.urls) App.models.addFile(u) }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 14

        RowLayout {
            Layout.fillWidth: true
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label { text: qsTr("Models"); font.pixelSize: Theme.title; font.bold: true; Accessible.role: Accessible.Heading }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("The AI models on this computer. The one in use answers your chats.")
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                }
            }
            Button {
                id: addButton
                text: qsTr("Add a model file…")
                highlighted: true
                onClicked: fileDialog.open()
                FocusRing { target: addButton }
            }
        }

        Rectangle {
            visible: App.models.errorText.length > 0
            Layout.fillWidth: true
            implicitHeight: errRow.implicitHeight + 16
            radius: Theme.radius
            color: Theme.errorBackground
            Accessible.role: Accessible.AlertMessage
            Accessible.name: App.models.errorText
            RowLayout {
                id: errRow
                anchors.fill: parent
                anchors.margins: 8
                Label { Layout.fillWidth: true; text: App.models.errorText; color: Theme.error; wrapMode: Text.WordWrap }
                Button { text: qsTr("Dismiss"); flat: true; onClicked: App.models.dismissError() }
            }
        }

        Rectangle {
            visible: App.models.loadingPath.length > 0
            Layout.fillWidth: true
            implicitHeight: loadCol.implicitHeight + 20
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            ColumnLayout {
                id: loadCol
                anchors.fill: parent
                anchors.margins: 10
                Label { text: qsTr("Loading %1 onto the GPU…").arg(App.models.loadingPath.split("/").pop()) }
                ProgressBar { Layout.fillWidth: true; value: App.models.loadProgress }
            }
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: App.models
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Models on this computer")
            ScrollBar.vertical: ScrollBar {}
            Keys.onReturnPressed: if (currentItem) currentItem.choose()

            delegate: Rectangle {
                id: card
                required property string path
                required property string name
                required property string sizeLevel
                required property string architecture
                required property string sizeText
                required property bool loaded
                required property int index
                function choose() { App.models.use(path); page.modelChosen() }
                width: ListView.view.width
                implicitHeight: cardRow.implicitHeight + 24
                radius: Theme.radius
                color: Theme.surface
                border.color: list.activeFocus && list.currentIndex === index ? Theme.focus : (loaded ? Theme.accent : Theme.border)
                border.width: list.activeFocus && list.currentIndex === index || loaded ? 2 : 1
                Accessible.role: Accessible.ListItem
                Accessible.name: name + ", " + sizeLevel + ", " + sizeText + (loaded ? ", " + qsTr("in use") : "")

                RowLayout {
                    id: cardRow
                    anchors.fill: parent
                    anchors.margins: 12
                    spacing: 12
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label { text: card.name; font.bold: true; font.pixelSize: Theme.large; elide: Text.ElideRight; Layout.fillWidth: true }
                        Label {
                            text: qsTr("Size level %1 · %2 on disk · %3").arg(card.sizeLevel).arg(card.sizeText).arg(card.architecture)
                            color: Theme.textMuted
                            font.pixelSize: Theme.small
                        }
                        Label {
                            text: App.settings.shownPath(card.path)
                            color: Theme.textMuted
                            font.pixelSize: Theme.small - 1
                            elide: Text.ElideMiddle
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        visible: card.loaded
                        text: qsTr("In use")
                        color: Theme.ok
                        font.bold: true
                    }
                    Button {
                        visible: !card.loaded
                        text: qsTr("Use this model")
                        enabled: App.models.loadingPath.length === 0
                        onClicked: card.choose()
                    }
                }
            }
        }

        // No model yet: the demo, and where larger ones will come from.
        Pane {
            visible: App.models.scanned && App.models.count === 0
            Layout.fillWidth: true
            padding: 16
            background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }
            ColumnLayout {
                width: parent.width
                Label { text: qsTr("No models yet"); font.bold: true; font.pixelSize: Theme.large }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    text: qsTr("Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.")
                }
                ProgressBar { visible: App.models.downloading; Layout.fillWidth: true; value: App.models.downloadProgress }
                Label { visible: App.models.downloadError.length > 0; text: App.models.downloadError; color: Theme.error; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                Button {
                    text: App.models.downloading ? qsTr("Downloading…") : qsTr("Get the demo model (1 MB)")
                    enabled: !App.models.downloading
                    onClicked: App.models.downloadDemo()
                }
            }
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("Models folder: %1 — files put there appear here.").arg(App.settings.shownPath(App.models.modelsFolder))
            color: Theme.textMuted
            font.pixelSize: Theme.small
            wrapMode: Text.WrapAnywhere
        }
    }

    Rectangle {
        anchors.fill: parent
        visible: drop.containsDrag
        color: Theme.accent
        opacity: 0.15
        border.color: Theme.accent
        border.width: 3
        Label { anchors.centerIn: parent; text: qsTr("Drop the model file to add it"); font.pixelSize: Theme.title }
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Add a model file")
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: App.models.addFile(selectedFile)
    }
}
