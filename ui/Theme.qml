pragma Singleton
import QtQuick

// The app's colours and sizes beyond what the Material style gives. Main.qml sets `dark` and
// `scale` from the settings; everything else follows.
QtObject {
    property bool dark: false
    property real scale: 1.0

    readonly property color accent: dark ? "#ff8a50" : "#d84315"
    readonly property color window: dark ? "#1c1b1f" : "#fbf8f6"
    readonly property color sidebar: dark ? "#141316" : "#f1ece8"
    readonly property color panel: dark ? "#19181b" : "#f7f3f0"
    readonly property color surface: dark ? "#26252a" : "#ffffff"
    readonly property color surfaceAlt: dark ? "#302e34" : "#f6f1ee"
    readonly property color userBubble: dark ? "#4a2c20" : "#fde3d6"
    readonly property color codeBackground: dark ? "#111114" : "#f3f1ef"
    readonly property color border: dark ? "#3c3a40" : "#e3dcd7"
    readonly property color text: dark ? "#ece6e2" : "#1f1b18"
    readonly property color textMuted: dark ? "#aaa3a0" : "#6b625d"
    readonly property color error: dark ? "#ff8a80" : "#b3261e"
    readonly property color errorBackground: dark ? "#3b1f1f" : "#fdecea"
    readonly property color ok: dark ? "#81c995" : "#1e7b34"
    readonly property color warn: dark ? "#ffcc80" : "#a15c00"
    readonly property color focus: dark ? "#8ab4f8" : "#1a56db"

    readonly property int radius: 10
    readonly property real base: 14 * scale
    readonly property real small: 12 * scale
    readonly property real large: 18 * scale
    readonly property real title: 22 * scale
    readonly property string mono: "DejaVu Sans Mono, Menlo, Consolas, monospace"
}
