<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../app/qt/app_settings.cpp" line="+77"/>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Making a backup…</source>
        <translation>Sicherung wird erstellt …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup saved to %1</source>
        <translation>Sicherung gespeichert unter %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</source>
        <translation>Die Sicherung wird beim nächsten Start von Hearth wiederhergestellt. Deine aktuellen Chats werden beiseitegelegt, nicht gelöscht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read %1.</source>
        <translation>%1 konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/qt/chat_controller.cpp" line="+16"/>
        <source>The model ran out of GPU memory. Use a smaller size or a shorter context.</source>
        <translation>Dem Modell ist der GPU-Speicher ausgegangen. Nimm eine kleinere Größe oder einen kürzeren Kontext.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This model file could not be opened: %1 Pick another model, or download it again.</source>
        <translation>Diese Modelldatei konnte nicht geöffnet werden: %1 Wähle ein anderes Modell oder lade es erneut herunter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</source>
        <translation>Der Grafiktreiber reagiert nicht mehr. Versuche es erneut; passiert es wieder, starte Hearth neu.</translation>
    </message>
    <message>
        <location line="+174"/>
        <location line="+55"/>
        <source>No model is loaded yet. Pick one under Models, or get the small demo model.</source>
        <translation>Noch ist kein Modell geladen. Wähle eins unter „Modelle“ oder hol dir das kleine Demomodell.</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This chat continues “%1”, which grew too long for the model&apos;s memory.</source>
        <translation>Dieser Chat setzt „%1“ fort, der für das Gedächtnis des Modells zu lang wurde.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier the user asked: %1</source>
        <translation>Zuvor fragte der Nutzer: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continued: %1</source>
        <translation>Fortsetzung: %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/ChatHeader.qml" line="+27"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing…</source>
        <translation>Schreibt …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by %1 on this computer</source>
        <translation>Beantwortet von %1 auf diesem Computer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chat memory %1 % full</source>
        <translation>Chat-Gedächtnis zu %1 % voll</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</source>
        <translation>%1 von %2 Tokens, die das Modell im Gedächtnis behalten kann. Wenn es voll ist, entscheidest du, was vergessen wird.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide options</source>
        <translation>Optionen ausblenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat options</source>
        <translation>Chat-Optionen</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../ui/ChatOptions.qml" line="+23"/>
        <source>Chat options</source>
        <translation>Chat-Optionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model for this chat: %1</source>
        <translation>Modell für diesen Chat: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the one in use</source>
        <translation>das verwendete</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Instructions for the model (system prompt)</source>
        <translation>Anweisungen für das Modell (Systemprompt)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: Answer briefly, in simple words.</source>
        <translation>Zum Beispiel: Antworte kurz und in einfachen Worten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instructions for the model</source>
        <translation>Anweisungen für das Modell</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Style of answers</source>
        <translation>Stil der Antworten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Precise</source>
        <translation>Präzise</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sticks to the most likely words: facts, code, summaries.</source>
        <translation>Bleibt bei den wahrscheinlichsten Wörtern: Fakten, Code, Zusammenfassungen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good for everyday conversation.</source>
        <translation>Gut für alltägliche Gespräche.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creative</source>
        <translation>Kreativ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More surprising words: stories and ideas.</source>
        <translation>Überraschendere Wörter: Geschichten und Ideen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Custom settings (see Advanced)</source>
        <translation>Eigene Einstellungen (siehe Erweitert)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Repeat penalty</source>
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply (tokens)</source>
        <translation>Längste Antwort (Tokens)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply in tokens</source>
        <translation>Längste Antwort in Tokens</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/Composer.qml" line="+43"/>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>Nachricht schreiben … (Eingabe sendet, Umschalt+Eingabe für neue Zeile)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model first (Models), then write here.</source>
        <translation>Lade zuerst ein Modell (Modelle) und schreibe dann hier.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the reply</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <location filename="../ui/ContextChoice.qml" line="+25"/>
        <source>This chat is now longer than the model can keep in mind.</source>
        <translation>Dieser Chat ist jetzt länger, als das Modell im Gedächtnis behalten kann.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.</source>
        <translation>
            <numerusform>Um zu antworten, müsste das Modell die älteste Nachricht vergessen. Aus deinem Verlauf wird so oder so nichts gelöscht.</numerusform>
            <numerusform>Um zu antworten, müsste das Modell die %n ältesten Nachrichten vergessen. Aus deinem Verlauf wird so oder so nichts gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget the oldest and answer</source>
        <translation>Das Älteste vergessen und antworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue in a new chat</source>
        <translation>In einem neuen Chat fortfahren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../app/qt/conversation_list_model.cpp" line="+43"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../ui/ConversationPanel.qml" line="+24"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+N</source>
        <translation>Strg+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import…</source>
        <translation>Importieren …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a chat from a JSON file</source>
        <translation>Chat aus einer JSON-Datei importieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Search all chats</source>
        <translation>Alle Chats durchsuchen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No chat mentions “%1”.</source>
        <translation>Kein Chat erwähnt „%1“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your chats will be listed here.</source>
        <translation>Deine Chats werden hier aufgelistet.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned: </source>
        <translation>Angeheftet: </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>More for %1</source>
        <translation>Mehr für %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename…</source>
        <translation>Umbenennen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation>Oben anheften</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as Markdown</source>
        <translation>Als Markdown exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON</source>
        <translation>Als JSON exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>Chat umbenennen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New name</source>
        <translation>Neuer Name</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a chat</source>
        <translation>Chat importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth chat export (*.json)</source>
        <translation>Hearth-Chat-Export (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” was deleted.</source>
        <translation>„%1“ wurde gelöscht.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1</source>
        <translation>Gespeichert unter %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat was imported.</source>
        <translation>Der Chat wurde importiert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="+57"/>
        <source>accelerated</source>
        <translation>beschleunigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>emulated</source>
        <translation>emuliert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../ui/ErrorBanner.qml" line="+34"/>
        <source>Open Models</source>
        <translation>Modelle öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>IndicatorBar</name>
    <message>
        <location filename="../ui/IndicatorBar.qml" line="+19"/>
        <source>Indicators</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none — open Models</source>
        <translation>keins – Modelle öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size level: %1</source>
        <translation>Größenstufe: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a model under Models.</source>
        <translation>Wähle ein Modell unter „Modelle“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU memory</source>
        <translation>GPU-Speicher</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Speed (now)</source>
        <translation>Tempo (jetzt)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed (last reply)</source>
        <translation>Tempo (letzte Antwort)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</source>
        <translation>Wie viele Tokens (Wortteile) das Modell pro Sekunde schreibt und wie lange es bis zum Antwortbeginn gebraucht hat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Memory speed used</source>
        <translation>Genutzte Bandbreite</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>estimate</source>
        <translation>Schätzung</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../app/qt/indicators.cpp" line="+106"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on the processor (no GPU driver)</source>
        <translation>Läuft auf dem Prozessor (kein GPU-Treiber)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model weights: %1</source>
        <translation>Modellgewichte: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversation memory (KV cache): %1</source>
        <translation>Gesprächsgedächtnis (KV-Cache): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working space (scratch): %1</source>
        <translation>Arbeitsbereich (Scratch): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: %1</source>
        <translation>Andere Programme: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: not reported by the driver</source>
        <translation>Andere Programme: vom Treiber nicht gemeldet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Predicted before loading: %1 · measured: %2</source>
        <translation>Vor dem Laden vorhergesagt: %1 · gemessen: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading your message…</source>
        <translation>Deine Nachricht wird gelesen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+12"/>
        <source>known after the first reply</source>
        <translation>bekannt nach der ersten Antwort</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>first word in %1 ms</source>
        <translation>erstes Wort in %1 ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured on the processor</source>
        <translation>auf dem Prozessor nicht gemessen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>under 1 %</source>
        <translation>unter 1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing text reads the whole model once per word; this shows how close that runs to your GPU&apos;s memory speed. Known after the first reply.</source>
        <translation>Beim Schreiben wird das ganze Modell einmal pro Wort gelesen; das zeigt, wie nah das an der Speichergeschwindigkeit deiner GPU liegt. Bekannt nach der ersten Antwort.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</source>
        <translation>Jedes Wort liest das ganze Modell aus dem Speicher: Das läuft mit %1 % der %2 GB/s, die der Speicher deiner GPU bewegen kann. Nahe 100 % heißt, die GPU ist so schnell wie möglich; weniger heißt, Zeit geht anderswo verloren.</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/qt/inference_worker.cpp" line="+243"/>
        <source>No model is loaded yet. Pick one under Models.</source>
        <translation>Noch ist kein Modell geladen. Wähle eins unter „Modelle“.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</source>
        <translation>Diese Nachricht ist zu lang für das Gedächtnis des Modells. Kürze sie oder wähle in den Einstellungen einen längeren Kontext.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../ui/Main.qml" line="+16"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 – Hearth</source>
        <translation>%1 – Hearth</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Hearth could not open its chat history</source>
        <translation>Hearth konnte den Chatverlauf nicht öffnen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../ui/MessageDelegate.qml" line="+39"/>
        <source>You said</source>
        <translation>Du hast gesagt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth answered</source>
        <translation>Hearth antwortete</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Thinking…</source>
        <translation>Denkt nach …</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Show the model&apos;s thinking</source>
        <translation>Gedanken des Modells zeigen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading your message…</source>
        <translation>Deine Nachricht wird gelesen …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before the first word.</source>
        <translation>Vor dem ersten Wort angehalten.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model gave no answer.</source>
        <translation>Das Modell hat nicht geantwortet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit your message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first version is kept: use ‹ › to go back to it.</source>
        <translation>Deine erste Version bleibt erhalten: mit ‹ › kommst du zu ihr zurück.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Models</source>
        <translation>Modelle öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+74"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide confidence</source>
        <translation>Sicherheit ausblenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shade the words the model was unsure of</source>
        <translation>Wörter markieren, bei denen das Modell unsicher war</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide details</source>
        <translation>Details ausblenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../app/qt/message_list_model.cpp" line="+120"/>
        <source>size level %1</source>
        <translation>Größenstufe %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Tokens</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first word after %1 ms</source>
        <translation>erstes Wort nach %1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut short</source>
        <translation>gekürzt</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>“%1”: the model was %2 % sure of this word</source>
        <translation>„%1“: Das Modell war sich bei diesem Wort zu %2 % sicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other candidates: %1</source>
        <translation>Andere Kandidaten: %1</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../ui/MessageView.qml" line="+19"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <location filename="../app/qt/model_library.cpp" line="+159"/>
        <source>%1 cannot be used: %2</source>
        <translation>%1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The download is paused: Hearth is set to work offline (Settings, Privacy).</source>
        <translation>Der Download ist angehalten: Hearth arbeitet offline (Einstellungen, Datenschutz).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</source>
        <translation>Hearth arbeitet offline (Einstellungen, Datenschutz). Erlaube dort Downloads, um das Demomodell zu holen.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The download stopped.</source>
        <translation>Der Download wurde angehalten.</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../ui/ModelsPage.qml" line="+30"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI models on this computer. The one in use answers your chats.</source>
        <translation>Die KI-Modelle auf diesem Computer. Das verwendete beantwortet deine Chats.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a model file…</source>
        <translation>Modelldatei hinzufügen …</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading %1 onto the GPU…</source>
        <translation>%1 wird auf die GPU geladen …</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Models on this computer</source>
        <translation>Modelle auf diesem Computer</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>in use</source>
        <translation>in Verwendung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size level %1 · %2 on disk · %3</source>
        <translation>Größenstufe %1 · %2 auf der Festplatte · %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In use</source>
        <translation>In Verwendung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No models yet</source>
        <translation>Noch keine Modelle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</source>
        <translation>Hol dir das 1-MB-Demomodell, um Hearth sofort auszuprobieren, oder füge eine GGUF-Modelldatei hinzu, die du schon hast. Du kannst eine Datei auch auf dieses Fenster ziehen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Demomodell holen (1 MB)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Models folder: %1 — files put there appear here.</source>
        <translation>Modellordner: %1 – dort abgelegte Dateien erscheinen hier.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drop the model file to add it</source>
        <translation>Modelldatei hier ablegen, um sie hinzuzufügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a model file</source>
        <translation>Modelldatei hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
</context>
<context>
    <name>QuantAccuracy</name>
    <message>
        <location filename="../app/qt/quant_accuracy.cpp" line="+43"/>
        <source>unknown size</source>
        <translation>unbekannte Größe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1-bit (%2)</source>
        <translation>%1 Bit (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Picks the same next word as the full model %1 % of the time</source>
        <translation>Wählt in %1 % der Fälle dasselbe nächste Wort wie das volle Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file: KL divergence %1 from the full-precision model.</source>
        <translation>An dieser Datei gemessen: KL-Divergenz %1 zum Modell in voller Genauigkeit.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file against the full-precision model.</source>
        <translation>An dieser Datei gegen das Modell in voller Genauigkeit gemessen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not known for this size level</source>
        <translation>Für diese Größenstufe unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No measurement is stored and no published figure exists for %1.</source>
        <translation>Für %1 ist keine Messung gespeichert und kein veröffentlichter Wert bekannt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this file</source>
        <translation>diese Datei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full quality: this file is not reduced</source>
        <translation>Volle Qualität, nicht verkleinert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 keeps the weights as they were published.</source>
        <translation>%1 behält die Gewichte so, wie sie veröffentlicht wurden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 % of the full model&apos;s quality</source>
        <translation>Etwa %1 % der Qualität des vollen Modells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</source>
        <translation>Veröffentlichter Wert für %1: Perplexität +%2 bei Llama-3-8B (Quantisierungswerkzeug von llama.cpp). Nicht an dieser Datei gemessen.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../ui/SettingsPage.qml" line="+22"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Appearance and language</source>
        <translation>Darstellung und Sprache</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Text size</source>
        <translation>Textgröße</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graphics card (GPU)</source>
        <translation>Grafikkarte (GPU)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Automatic (the fastest)</source>
        <translation>Automatisch (die schnellste)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Graphics card</source>
        <translation>Grafikkarte</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chat memory (context)</source>
        <translation>Chat-Gedächtnis (Kontext)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat memory in tokens</source>
        <translation>Chat-Gedächtnis in Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</source>
        <translation>Wie viel eines Chats das Modell im Gedächtnis behält. Mehr braucht mehr GPU-Speicher; wenn einem Modell der Speicher ausgeht, verringere diesen Wert. Gilt ab dem nächsten Laden eines Modells.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your data</source>
        <translation>Deine Daten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chats and models are kept in %1</source>
        <translation>Chats und Modelle liegen in %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now…</source>
        <translation>Jetzt sichern …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>Sicherung wiederherstellen …</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported chats go to %1</source>
        <translation>Exportierte Chats landen in %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>Ändern …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</source>
        <translation>Hearth sendet niemals Telemetrie. Deine Chats verlassen diesen Computer nie. Das Netzwerk wird nur genutzt, um die Liste empfohlener Modelle zu holen, Modelle zu suchen und sie herunterzuladen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work offline (no network at all)</source>
        <translation>Offline arbeiten (gar kein Netzwerk)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Where to save the backup</source>
        <translation>Wo die Sicherung gespeichert wird</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a backup to restore</source>
        <translation>Sicherung zum Wiederherstellen wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth backups (*.sqlite3)</source>
        <translation>Hearth-Sicherungen (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where exported chats go</source>
        <translation>Wohin exportierte Chats gehen</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.qml" line="+19"/>
        <source>Screens</source>
        <translation>Bildschirme</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Private AI chat</source>
        <translation>Privater KI-Chat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+1</source>
        <translation>Strg+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+2</source>
        <translation>Strg+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Strg+3</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Model in use</source>
        <translation>Verwendetes Modell</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading… %1 %</source>
        <translation>Wird geladen … %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None yet</source>
        <translation>Noch keins</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing you type leaves this computer.</source>
        <translation>Nichts, was du tippst, verlässt diesen Computer.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../ui/Welcome.qml" line="+23"/>
        <source>Welcome to Hearth</source>
        <translation>Willkommen bei Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What would you like to talk about?</source>
        <translation>Worüber möchtest du sprechen?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</source>
        <translation>Hearth führt ein KI-Modell auf diesem Computer aus. Nichts, was du schreibst, wird irgendwohin gesendet. Zum Start braucht es ein Modell.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a model under Models to start chatting.</source>
        <translation>Wähle unter „Modelle“ ein Modell, um loszulegen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything stays on this computer. Your chats are saved and can be searched.</source>
        <translation>Alles bleibt auf diesem Computer. Deine Chats werden gespeichert und sind durchsuchbar.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try it now with the demo model</source>
        <translation>Jetzt mit dem Demomodell ausprobieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</source>
        <translation>Ein winziges Modell (1 MB), das kurze Kindergeschichten schreibt. Es ist nicht klug, zeigt aber in Sekunden, wie alles funktioniert. Für echte Gespräche hol dir unter „Modelle“ ein größeres Modell.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Demomodell holen (1 MB)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Go to Models</source>
        <translation>Zu den Modellen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tell me a short story about a brave little fox.</source>
        <translation>Erzähl mir eine kurze Geschichte über einen mutigen kleinen Fuchs.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain how a rainbow forms, simply.</source>
        <translation>Erkläre einfach, wie ein Regenbogen entsteht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a polite email declining an invitation.</source>
        <translation>Schreibe eine höfliche E-Mail, die eine Einladung absagt.</translation>
    </message>
</context>
</TS>
