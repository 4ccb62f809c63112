import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A titled group of settings.
Pane {
    id: section
    property string title
    default property alias content: body.data
    Layout.fillWidth: true
    padding: 18
    background: Rectangle { radius: Theme.radius; color: Theme.surface; border.color: Theme.border }
    ColumnLayout {
        id: body
        width: parent.width
        spacing: 10
        Label {
            text: section.title
            font.bold: true
            font.pixelSize: Theme.large
            Accessible.role: Accessible.Heading
        }
    }
}
