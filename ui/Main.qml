import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Hearth

// The frame: the sidebar (Chats, Models, Settings), the screen chosen there, and the indicator
// bar along the bottom. Everything it shows comes from App (the view-models); it computes nothing.
ApplicationWindow {
    id: window
    width: 1180
    height: 760
    minimumWidth: 760
    minimumHeight: 480
    visible: true
    title: App.chat.title.length > 0 ? qsTr("%1 – Hearth").arg(App.chat.title) : qsTr("Hearth")
    color: Theme.window
    font.pixelSize: Theme.base
    font.capitalization: Font.MixedCase

    // Which screen is shown: chats | models | settings (also set by the test script).
    property string page: "chats"
    // Read by --screenshot: the first screen has what it needs to be drawn.
    property bool ready: App.ready && (App.startupError.length > 0 || (App.models.scanned && App.settings.loaded))

    Material.theme: App.settings.theme === "dark" ? Material.Dark
                  : App.settings.theme === "light" ? Material.Light : Material.System
    Material.accent: Theme.accent
    Material.primary: Theme.accent
    Material.background: Theme.window
    Material.foreground: Theme.text

    Binding { target: Theme; property: "dark"; value: window.Material.theme === Material.Dark }
    Binding { target: Theme; property: "scale"; value: App.settings.fontScale }

    Shortcut { sequence: "Ctrl+1"; onActivated: window.page = "chats" }
    Shortcut { sequence: "Ctrl+2"; onActivated: window.page = "models" }
    Shortcut { sequence: "Ctrl+3"; onActivated: window.page = "settings" }
    Shortcut { sequence: "Ctrl+,"; onActivated: window.page = "settings" }
    Shortcut {
        sequence: "Ctrl+N"
        onActivated: { window.page = "chats"; App.chat.newChat(); chatPage.focusComposer() }
    }
    Shortcut {
        sequence: "Ctrl+F"
        onActivated: { window.page = "chats"; chatPage.focusSearch() }
    }
    Shortcut {
        sequence: "Escape"
        enabled: App.chat.busy
        onActivated: App.chat.stop()
    }

    Item {
        anchors.fill: parent
        LayoutMirroring.enabled: App.settings.rightToLeft
        LayoutMirroring.childrenInherit: true

        RowLayout {
            anchors.fill: parent
            spacing: 0

            Sidebar {
                Layout.fillHeight: true
                page: window.page
                onNavigate: (target) => window.page = target
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 0

                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: ["chats", "models", "settings"].indexOf(window.page)

                    ChatPage {
                        id: chatPage
                        onOpenModels: window.page = "models"
                        onOpenSettings: window.page = "settings"
                    }
                    // Made the first time they are shown: the first window needs only the chats.
                    Loader {
                        active: window.page === "models" || item !== null
                        sourceComponent: ModelsPage {
                            onModelChosen: window.page = "chats"
                        }
                    }
                    Loader {
                        active: window.page === "settings" || item !== null
                        sourceComponent: SettingsPage {}
                    }
                }

                IndicatorBar {
                    Layout.fillWidth: true
                    onOpenModels: window.page = "models"
                }
            }
        }

        // The database could not be opened at all: say so, in place of everything else.
        Rectangle {
            anchors.fill: parent
            visible: App.startupError.length > 0
            color: Theme.window
            ColumnLayout {
                anchors.centerIn: parent
                width: Math.min(parent.width - 64, 560)
                spacing: 16
                Label {
                    text: qsTr("Hearth could not open its chat history")
                    font.pixelSize: Theme.title
                    font.bold: true
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    text: App.startupError
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Button {
                    text: qsTr("Quit")
                    onClicked: Qt.quit()
                }
            }
        }
    }
}
