import QtQuick
import QtQuick.Controls
import Hearth

// A small flat text button for per-message actions, with a visible keyboard focus.
ToolButton {
    id: button
    property string accessibleName: text
    font.pixelSize: Theme.small
    implicitHeight: 28
    padding: 6
    Accessible.name: accessibleName
    FocusRing { target: button }
}
