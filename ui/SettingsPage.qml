import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth

// Appearance, language, the GPU and context length, where data lives (with backups), privacy.
ScrollView {
    id: page
    contentWidth: availableWidth
    readonly property var s: App.settings

    // Row captions get a fixed column and wrap there (German and French run long), so a caption
    // never runs under the control beside it.
    ColumnLayout {
        width: Math.min(page.availableWidth - 48, 760)
        x: LayoutMirroring.enabled ? page.availableWidth - width - 24 : 24  // x is not mirrored by itself
        spacing: 16

        Label {
            Layout.topMargin: 24
            text: qsTr("Settings")
            font.pixelSize: Theme.title
            font.bold: true
            Accessible.role: Accessible.Heading
        }

        SettingsSection {
            title: qsTr("Appearance and language")
            RowLayout {
                spacing: 12
                Label { text: qsTr("Theme"); Layout.preferredWidth: 160; Layout.maximumWidth: 160; wrapMode: Text.Wrap }
                RadioButton { text: qsTr("Light"); checked: page.s.theme === "light"; onClicked: page.s.theme = "light" }
                RadioButton { text: qsTr("Dark"); checked: page.s.theme === "dark"; onClicked: page.s.theme = "dark" }
                RadioButton { text: qsTr("Same as the system"); checked: page.s.theme === "system"; onClicked: page.s.theme = "system" }
            }
            RowLayout {
                spacing: 12
                Label { text: qsTr("Language"); Layout.preferredWidth: 160; Layout.maximumWidth: 160; wrapMode: Text.Wrap }
                ComboBox {
                    Layout.preferredWidth: 260
                    model: page.s.languages
                    textRole: "name"
                    valueRole: "code"
                    currentIndex: Math.max(0, indexOfValue(page.s.language))
                    onActivated: page.s.language = currentValue
                    Accessible.name: qsTr("Language")
                }
            }
            RowLayout {
                spacing: 12
                Label { text: qsTr("Text size"); Layout.preferredWidth: 160; Layout.maximumWidth: 160; wrapMode: Text.Wrap }
                Slider {
                    Layout.preferredWidth: 260
                    from: 0.8; to: 1.6; stepSize: 0.1
                    value: page.s.fontScale
                    onMoved: page.s.fontScale = value
                    Accessible.name: qsTr("Text size")
                }
                Label { text: qsTr("%1 %").arg(Math.round(page.s.fontScale * 100)); color: Theme.textMuted }
            }
        }

        SettingsSection {
            title: qsTr("Model")
            RowLayout {
                spacing: 12
                Label { text: qsTr("Graphics card (GPU)"); Layout.preferredWidth: 160; Layout.maximumWidth: 160; wrapMode: Text.Wrap }
                ComboBox {
                    id: gpu
                    Layout.fillWidth: true
                    model: App.devices.count + 1
                    displayText: currentIndex === 0 ? qsTr("Automatic (the fastest)") : App.devices.data(App.devices.index(currentIndex - 1, 0), 257)
                    delegate: ItemDelegate {
                        required property int index
                        width: gpu.width
                        text: index === 0 ? qsTr("Automatic (the fastest)") : App.devices.data(App.devices.index(index - 1, 0), 257)
                    }
                    currentIndex: page.s.deviceIndex + 1
                    onActivated: (i) => page.s.deviceIndex = i - 1
                    Accessible.name: qsTr("Graphics card")
                }
            }
            Label {
                visible: App.devices.errorText.length > 0
                Layout.fillWidth: true
                text: App.devices.errorText
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            RowLayout {
                spacing: 12
                Label { text: qsTr("Chat memory (context)"); Layout.preferredWidth: 160; Layout.maximumWidth: 160; wrapMode: Text.Wrap }
                SpinBox {
                    from: 256; to: 131072; stepSize: 1024; editable: true
                    value: page.s.defaultContext
                    onValueModified: page.s.defaultContext = value
                    Accessible.name: qsTr("Chat memory in tokens")
                }
                Label { text: qsTr("tokens"); color: Theme.textMuted }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.small
                text: qsTr("How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.")
            }
        }

        SettingsSection {
            title: qsTr("Your data")
            Label {
                Layout.fillWidth: true
                text: qsTr("Chats and models are kept in %1").arg(page.s.shownPath(page.s.dataFolder))
                wrapMode: Text.WrapAnywhere
            }
            RowLayout {
                Button { text: qsTr("Back up now…"); onClicked: backupDialog.open() }
                Button { text: qsTr("Restore a backup…"); flat: true; onClicked: restoreDialog.open() }
            }
            Label {
                visible: page.s.backupStatus.length > 0
                Layout.fillWidth: true
                text: page.s.backupStatus
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Exported chats go to %1").arg(page.s.shownPath(decodeURIComponent(page.s.exportFolder.toString().replace("file://", ""))))
                    wrapMode: Text.WrapAnywhere
                }
                Button { text: qsTr("Change…"); flat: true; onClicked: exportDialog.open() }
            }
        }

        SettingsSection {
            title: qsTr("Privacy")
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.")
            }
            Switch {
                text: qsTr("Work offline (no network at all)")
                checked: page.s.offline
                onToggled: page.s.offline = checked
                Accessible.name: text
            }
        }
        Item { Layout.preferredHeight: 24 }
    }

    FolderDialog {
        id: backupDialog
        title: qsTr("Where to save the backup")
        onAccepted: page.s.backupNow(selectedFolder)
    }
    FileDialog {
        id: restoreDialog
        title: qsTr("Choose a backup to restore")
        nameFilters: [qsTr("Hearth backups (*.sqlite3)")]
        onAccepted: page.s.restoreAtNextStart(selectedFile)
    }
    FolderDialog {
        id: exportDialog
        title: qsTr("Where exported chats go")
        onAccepted: page.s.exportFolder = selectedFolder
    }
}
