import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One Vulkan device. Reads the roles of DeviceListModel; computes nothing.
Frame {
    required property string name
    required property string type
    required property string driver
    required property string vram
    required property int subgroupSize
    required property bool fp16
    required property bool int8
    required property string maxStorageBufferRange
    required property bool cooperativeMatrix
    required property string integerDotProduct

    ColumnLayout {
        anchors.fill: parent
        Label {
            text: name
            font.pixelSize: 18
            font.bold: true
        }
        GridLayout {
            columns: 2
            columnSpacing: 24
            Label { text: qsTr("Type") }                  Label { text: type }
            Label { text: qsTr("Driver") }                Label { text: driver }
            Label { text: qsTr("Device memory") }         Label { text: vram }
            Label { text: qsTr("Subgroup size") }         Label { text: subgroupSize }
            Label { text: qsTr("FP16 / INT8") }           Label { text: (fp16 ? qsTr("yes") : qsTr("no")) + " / " + (int8 ? qsTr("yes") : qsTr("no")) }
            Label { text: qsTr("Largest buffer") }        Label { text: maxStorageBufferRange }
            Label { text: qsTr("Cooperative matrix") }    Label { text: cooperativeMatrix ? qsTr("yes") : qsTr("no") }
            Label { text: qsTr("Integer dot product") }   Label { text: integerDotProduct }
        }
    }
}
