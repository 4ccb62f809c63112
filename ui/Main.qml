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
    // Every control's numbers (a SpinBox's "4.096") in the chosen language, switched live: the
    // controls inherit the window's locale, which QLocale::setDefault alone does not change.
    locale: Qt.locale(App.settings.localeName)

    // Which screen is shown: chats | models | settings (also set by the test script).
    property string page: "chats"
    // Read by --screenshot: the first screen has what it needs to be drawn.
    property bool ready: App.ready && (App.startupError.length > 0
                                       || (App.models.scanned && App.settings.loaded && chatLoader.status === Loader.Ready))
    // The screen shown is made (screens are made after the first frame, a slice at a time).
    readonly property bool pageReady: pages.children[pages.currentIndex]?.status === Loader.Ready

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
        onActivated: { window.page = "chats"; App.chat.newChat(); chatLoader.item?.focusComposer() }
    }
    Shortcut {
        sequence: "Ctrl+F"
        onActivated: { window.page = "chats"; chatLoader.item?.focusSearch() }
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

                // The screens are not part of the first frame: that is only the frame (sidebar,
                // an empty screen, the indicator bar), which QML makes at once. Each screen is
                // compiled off the UI thread (a Loader's asynchronous source) and made a few
                // milliseconds at a time between frames, so the window appears and stays
                // responsive while the chats come in. Models and Settings are made the first
                // time they are shown.
                StackLayout {
                    id: pages
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: ["chats", "models", "settings"].indexOf(window.page)

                    Loader {
                        id: chatLoader
                        asynchronous: true
                        source: "ChatPage.qml"
                    }
                    Loader {
                        id: modelsLoader
                        asynchronous: true
                        active: window.page === "models" || item !== null
                        source: "ModelsPage.qml"
                    }
                    Loader {
                        asynchronous: true
                        active: window.page === "settings" || item !== null
                        source: "SettingsPage.qml"
                    }
                }
                Connections {
                    target: chatLoader.item
                    ignoreUnknownSignals: true
                    function onOpenModels() { window.page = "models" }
                    function onOpenSettings() { window.page = "settings" }
                }
                Connections {
                    target: modelsLoader.item
                    ignoreUnknownSignals: true
                    function onModelChosen() { window.page = "chats" }
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
