<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DeviceCard</name>
    <message>
        <location filename="../ui/DeviceCard.qml" line="28"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="29"/>
        <source>Driver</source>
        <translation>Treiber</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="30"/>
        <source>Device memory</source>
        <translation>Gerätespeicher</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="31"/>
        <source>Subgroup size</source>
        <translation>Subgroup-Größe</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="32"/>
        <source>FP16 / INT8</source>
        <translation>FP16 / INT8</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="32"/>
        <location filename="../ui/DeviceCard.qml" line="34"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="32"/>
        <location filename="../ui/DeviceCard.qml" line="34"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="33"/>
        <source>Largest buffer</source>
        <translation>Größter Puffer</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="34"/>
        <source>Cooperative matrix</source>
        <translation>Kooperative Matrix</translation>
    </message>
    <message>
        <location filename="../ui/DeviceCard.qml" line="35"/>
        <source>Integer dot product</source>
        <translation>Ganzzahl-Skalarprodukt</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="57"/>
        <source>accelerated</source>
        <translation>beschleunigt</translation>
    </message>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="57"/>
        <source>emulated</source>
        <translation>emuliert</translation>
    </message>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="58"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../ui/Main.qml" line="11"/>
        <location filename="../ui/Main.qml" line="24"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location filename="../ui/Main.qml" line="29"/>
        <source>Private AI chat on your own GPU. These are the graphics devices Hearth can use:</source>
        <translation>Privater KI-Chat auf deiner eigenen GPU. Diese Grafikgeräte kann Hearth nutzen:</translation>
    </message>
</context>
</TS>
