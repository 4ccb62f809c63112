import QtQuick

// A visible keyboard-focus outline for any control: place inside it, with `target` the control.
Rectangle {
    required property Item target
    anchors.fill: parent
    anchors.margins: -2
    radius: Theme.radius
    color: "transparent"
    border.width: 2
    border.color: Theme.focus
    visible: target.visualFocus === true || (target.activeFocus && target.focusReason === Qt.TabFocusReason)
    z: 100
}
