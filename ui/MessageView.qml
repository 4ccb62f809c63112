import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The open chat's messages. Follows the reply as it streams unless the user scrolled up.
ListView {
    id: view
    signal openModels()
    signal openSettings()

    clip: true
    spacing: 6
    model: App.chat.messages
    activeFocusOnTab: true
    keyNavigationEnabled: true
    boundsBehavior: Flickable.StopAtBounds
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Messages")
    topMargin: 16
    bottomMargin: 16
    ScrollBar.vertical: ScrollBar {}

    property bool follow: true
    onMovementEnded: follow = atYEnd
    onCountChanged: if (follow) Qt.callLater(positionViewAtEnd)
    onContentHeightChanged: if (follow && App.chat.busy) positionViewAtEnd()
    Connections {
        target: App.chat
        function onConversationChanged() { view.follow = true; Qt.callLater(view.positionViewAtEnd) }
    }

    delegate: MessageDelegate {
        width: ListView.view.width
        onOpenModels: view.openModels()
        onOpenSettings: view.openSettings()
    }
}
