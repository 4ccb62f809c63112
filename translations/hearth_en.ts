<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../app/qt/app_settings.cpp" line="+77"/>
        <source>Same as the system</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Making a backup…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup saved to %1</source>
        <translation>Backup saved to %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed: %1</source>
        <translation>The backup failed: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</source>
        <translation>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read %1.</source>
        <translation>Could not read %1.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/qt/chat_controller.cpp" line="+16"/>
        <source>The model ran out of GPU memory. Use a smaller size or a shorter context.</source>
        <translation>The model ran out of GPU memory. Use a smaller size or a shorter context.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This model file could not be opened: %1 Pick another model, or download it again.</source>
        <translation>This model file could not be opened: %1 Pick another model, or download it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</source>
        <translation>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</translation>
    </message>
    <message>
        <location line="+174"/>
        <location line="+55"/>
        <source>No model is loaded yet. Pick one under Models, or get the small demo model.</source>
        <translation>No model is loaded yet. Pick one under Models, or get the small demo model.</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This chat continues “%1”, which grew too long for the model&apos;s memory.</source>
        <translation>This chat continues “%1”, which grew too long for the model&apos;s memory.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier the user asked: %1</source>
        <translation>Earlier the user asked: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continued: %1</source>
        <translation>Continued: %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/ChatHeader.qml" line="+27"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by %1 on this computer</source>
        <translation>Answered by %1 on this computer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No model loaded</source>
        <translation>No model loaded</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chat memory %1 % full</source>
        <translation>Chat memory %1 % full</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</source>
        <translation>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide options</source>
        <translation>Hide options</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat options</source>
        <translation>Chat options</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../ui/ChatOptions.qml" line="+23"/>
        <source>Chat options</source>
        <translation>Chat options</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model for this chat: %1</source>
        <translation>Model for this chat: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the one in use</source>
        <translation>the one in use</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Instructions for the model (system prompt)</source>
        <translation>Instructions for the model (system prompt)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: Answer briefly, in simple words.</source>
        <translation>For example: Answer briefly, in simple words.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instructions for the model</source>
        <translation>Instructions for the model</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Style of answers</source>
        <translation>Style of answers</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Precise</source>
        <translation>Precise</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sticks to the most likely words: facts, code, summaries.</source>
        <translation>Sticks to the most likely words: facts, code, summaries.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>Balanced</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good for everyday conversation.</source>
        <translation>Good for everyday conversation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creative</source>
        <translation>Creative</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More surprising words: stories and ideas.</source>
        <translation>More surprising words: stories and ideas.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Custom settings (see Advanced)</source>
        <translation>Custom settings (see Advanced)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Advanced</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Temperature</source>
        <translation>Temperature</translation>
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
        <translation>Repeat penalty</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>random</source>
        <translation>random</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply (tokens)</source>
        <translation>Longest reply (tokens)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply in tokens</source>
        <translation>Longest reply in tokens</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/Composer.qml" line="+43"/>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>Write a message… (Enter sends, Shift+Enter for a new line)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model first (Models), then write here.</source>
        <translation>Load a model first (Models), then write here.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the reply</source>
        <translation>Stop the reply</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the message</source>
        <translation>Send the message</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <location filename="../ui/ContextChoice.qml" line="+25"/>
        <source>This chat is now longer than the model can keep in mind.</source>
        <translation>This chat is now longer than the model can keep in mind.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.</source>
        <translation>
            <numerusform>To answer, the model would have to forget the oldest message. Nothing is deleted from your history either way.</numerusform>
            <numerusform>To answer, the model would have to forget the %n oldest messages. Nothing is deleted from your history either way.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget the oldest and answer</source>
        <translation>Forget the oldest and answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue in a new chat</source>
        <translation>Continue in a new chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../app/qt/conversation_list_model.cpp" line="+43"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../ui/ConversationPanel.qml" line="+24"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a chat from a JSON file</source>
        <translation>Import a chat from a JSON file</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Search all chats</source>
        <translation>Search all chats</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No chat mentions “%1”.</source>
        <translation>No chat mentions “%1”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your chats will be listed here.</source>
        <translation>Your chats will be listed here.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned: </source>
        <translation>Pinned: </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>More for %1</source>
        <translation>More for %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation>Pin to top</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as Markdown</source>
        <translation>Export as Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON</source>
        <translation>Export as JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>Rename chat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New name</source>
        <translation>New name</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a chat</source>
        <translation>Import a chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth chat export (*.json)</source>
        <translation>Hearth chat export (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” was deleted.</source>
        <translation>“%1” was deleted.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat was imported.</source>
        <translation>The chat was imported.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="+57"/>
        <source>accelerated</source>
        <translation>accelerated</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>emulated</source>
        <translation>emulated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../ui/ErrorBanner.qml" line="+34"/>
        <source>Open Models</source>
        <translation>Open Models</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open Settings</source>
        <translation>Open Settings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>IndicatorBar</name>
    <message>
        <location filename="../ui/IndicatorBar.qml" line="+19"/>
        <source>Indicators</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none — open Models</source>
        <translation>none — open Models</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size level: %1</source>
        <translation>Size level: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a model under Models.</source>
        <translation>Pick a model under Models.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU memory</source>
        <translation>GPU memory</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Speed (now)</source>
        <translation>Speed (now)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed (last reply)</source>
        <translation>Speed (last reply)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</source>
        <translation>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Memory speed used</source>
        <translation>Memory speed used</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy</source>
        <translation>Accuracy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>estimate</source>
        <translation>estimate</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../app/qt/indicators.cpp" line="+106"/>
        <source>No model loaded</source>
        <translation>No model loaded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on the processor (no GPU driver)</source>
        <translation>Running on the processor (no GPU driver)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model weights: %1</source>
        <translation>Model weights: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversation memory (KV cache): %1</source>
        <translation>Conversation memory (KV cache): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working space (scratch): %1</source>
        <translation>Working space (scratch): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: %1</source>
        <translation>Other programs: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: not reported by the driver</source>
        <translation>Other programs: not reported by the driver</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Predicted before loading: %1 · measured: %2</source>
        <translation>Predicted before loading: %1 · measured: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading your message…</source>
        <translation>Reading your message…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 tokens/s</source>
        <translation>%1 tokens/s</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+12"/>
        <source>known after the first reply</source>
        <translation>known after the first reply</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>first word in %1 ms</source>
        <translation>first word in %1 ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured on the processor</source>
        <translation>not measured on the processor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>under 1 %</source>
        <translation>under 1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing text reads the whole model once per word; this shows how close that runs to your GPU&apos;s memory speed. Known after the first reply.</source>
        <translation>Writing text reads the whole model once per word; this shows how close that runs to your GPU&apos;s memory speed. Known after the first reply.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</source>
        <translation>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/qt/inference_worker.cpp" line="+243"/>
        <source>No model is loaded yet. Pick one under Models.</source>
        <translation>No model is loaded yet. Pick one under Models.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</source>
        <translation>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../ui/Main.qml" line="+16"/>
        <source>%1 – Hearth</source>
        <translation>%1 – Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Hearth could not open its chat history</source>
        <translation>Hearth could not open its chat history</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../ui/MessageDelegate.qml" line="+39"/>
        <source>You said</source>
        <translation>You said</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth answered</source>
        <translation>Hearth answered</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Thinking…</source>
        <translation>Thinking…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Show the model&apos;s thinking</source>
        <translation>Show the model&apos;s thinking</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading your message…</source>
        <translation>Reading your message…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before the first word.</source>
        <translation>Stopped before the first word.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model gave no answer.</source>
        <translation>The model gave no answer.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit your message</source>
        <translation>Edit your message</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first version is kept: use ‹ › to go back to it.</source>
        <translation>Your first version is kept: use ‹ › to go back to it.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Models</source>
        <translation>Open Models</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings</source>
        <translation>Open Settings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Previous version</source>
        <translation>Previous version</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 of %2</source>
        <translation>Version %1 of %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next version</source>
        <translation>Next version</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+74"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation>Regenerate</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide confidence</source>
        <translation>Hide confidence</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shade the words the model was unsure of</source>
        <translation>Shade the words the model was unsure of</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide details</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy code</source>
        <translation>Copy code</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../app/qt/message_list_model.cpp" line="+120"/>
        <source>size level %1</source>
        <translation>size level %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first word after %1 ms</source>
        <translation>first word after %1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation>%1 tokens/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut short</source>
        <translation>cut short</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>“%1”: the model was %2 % sure of this word</source>
        <translation>“%1”: the model was %2 % sure of this word</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other candidates: %1</source>
        <translation>Other candidates: %1</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../ui/MessageView.qml" line="+19"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <location filename="../app/qt/model_library.cpp" line="+159"/>
        <source>%1 cannot be used: %2</source>
        <translation>%1 cannot be used: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The download is paused: Hearth is set to work offline (Settings, Privacy).</source>
        <translation>The download is paused: Hearth is set to work offline (Settings, Privacy).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</source>
        <translation>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The download stopped.</source>
        <translation>The download stopped.</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../ui/ModelsPage.qml" line="+30"/>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI models on this computer. The one in use answers your chats.</source>
        <translation>The AI models on this computer. The one in use answers your chats.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a model file…</source>
        <translation>Add a model file…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading %1 onto the GPU…</source>
        <translation>Loading %1 onto the GPU…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Models on this computer</source>
        <translation>Models on this computer</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>in use</source>
        <translation>in use</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size level %1 · %2 on disk · %3</source>
        <translation>Size level %1 · %2 on disk · %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this model</source>
        <translation>Use this model</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No models yet</source>
        <translation>No models yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</source>
        <translation>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading…</source>
        <translation>Downloading…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Get the demo model (1 MB)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Models folder: %1 — files put there appear here.</source>
        <translation>Models folder: %1 — files put there appear here.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drop the model file to add it</source>
        <translation>Drop the model file to add it</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a model file</source>
        <translation>Add a model file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF models (*.gguf)</translation>
    </message>
</context>
<context>
    <name>QuantAccuracy</name>
    <message>
        <location filename="../app/qt/quant_accuracy.cpp" line="+43"/>
        <source>unknown size</source>
        <translation>unknown size</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1-bit (%2)</source>
        <translation>%1-bit (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Picks the same next word as the full model %1 % of the time</source>
        <translation>Picks the same next word as the full model %1 % of the time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file: KL divergence %1 from the full-precision model.</source>
        <translation>Measured on this file: KL divergence %1 from the full-precision model.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file against the full-precision model.</source>
        <translation>Measured on this file against the full-precision model.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not known for this size level</source>
        <translation>Not known for this size level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No measurement is stored and no published figure exists for %1.</source>
        <translation>No measurement is stored and no published figure exists for %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this file</source>
        <translation>this file</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full quality: this file is not reduced</source>
        <translation>Full quality: this file is not reduced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 keeps the weights as they were published.</source>
        <translation>%1 keeps the weights as they were published.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 % of the full model&apos;s quality</source>
        <translation>About %1 % of the full model&apos;s quality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</source>
        <translation>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../ui/SettingsPage.qml" line="+22"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Appearance and language</source>
        <translation>Appearance and language</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graphics card (GPU)</source>
        <translation>Graphics card (GPU)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Automatic (the fastest)</source>
        <translation>Automatic (the fastest)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Graphics card</source>
        <translation>Graphics card</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chat memory (context)</source>
        <translation>Chat memory (context)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat memory in tokens</source>
        <translation>Chat memory in tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens</source>
        <translation>tokens</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</source>
        <translation>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your data</source>
        <translation>Your data</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chats and models are kept in %1</source>
        <translation>Chats and models are kept in %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>Restore a backup…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported chats go to %1</source>
        <translation>Exported chats go to %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</source>
        <translation>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work offline (no network at all)</source>
        <translation>Work offline (no network at all)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Where to save the backup</source>
        <translation>Where to save the backup</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a backup to restore</source>
        <translation>Choose a backup to restore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth backups (*.sqlite3)</source>
        <translation>Hearth backups (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where exported chats go</source>
        <translation>Where exported chats go</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.qml" line="+19"/>
        <source>Screens</source>
        <translation>Screens</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Private AI chat</source>
        <translation>Private AI chat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Model in use</source>
        <translation>Model in use</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading… %1 %</source>
        <translation>Loading… %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None yet</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing you type leaves this computer.</source>
        <translation>Nothing you type leaves this computer.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../ui/Welcome.qml" line="+23"/>
        <source>Welcome to Hearth</source>
        <translation>Welcome to Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What would you like to talk about?</source>
        <translation>What would you like to talk about?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</source>
        <translation>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a model under Models to start chatting.</source>
        <translation>Pick a model under Models to start chatting.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything stays on this computer. Your chats are saved and can be searched.</source>
        <translation>Everything stays on this computer. Your chats are saved and can be searched.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try it now with the demo model</source>
        <translation>Try it now with the demo model</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</source>
        <translation>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Downloading…</source>
        <translation>Downloading…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Get the demo model (1 MB)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Go to Models</source>
        <translation>Go to Models</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tell me a short story about a brave little fox.</source>
        <translation>Tell me a short story about a brave little fox.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain how a rainbow forms, simply.</source>
        <translation>Explain how a rainbow forms, simply.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a polite email declining an invitation.</source>
        <translation>Write a polite email declining an invitation.</translation>
    </message>
</context>
</TS>
