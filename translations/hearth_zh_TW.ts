<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../app/qt/app_settings.cpp" line="+77"/>
        <source>Same as the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Making a backup…</source>
        <translation>正在備份…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup saved to %1</source>
        <translation>備份已儲存到 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed: %1</source>
        <translation>備份失敗：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</source>
        <translation>備份會在 Hearth 下次啟動時還原。你目前的聊天會另行保存，不會被刪除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read %1.</source>
        <translation>無法讀取 %1。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/qt/chat_controller.cpp" line="+16"/>
        <source>The model ran out of GPU memory. Use a smaller size or a shorter context.</source>
        <translation>模型的 GPU 記憶體不足。請使用更小的大小或更短的上下文。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This model file could not be opened: %1 Pick another model, or download it again.</source>
        <translation>無法開啟此模型檔案：%1 請選擇其他模型，或重新下載。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</source>
        <translation>顯示卡驅動程式停止回應。請重試；如果再次發生，請重新啟動 Hearth。</translation>
    </message>
    <message>
        <location line="+174"/>
        <location line="+55"/>
        <source>No model is loaded yet. Pick one under Models, or get the small demo model.</source>
        <translation>尚未載入模型。請在「模型」中選擇一個，或取得小型示範模型。</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This chat continues “%1”, which grew too long for the model&apos;s memory.</source>
        <translation>此聊天延續「%1」，那個聊天對模型的記憶來說太長了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier the user asked: %1</source>
        <translation>之前使用者問過：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continued: %1</source>
        <translation>續：%1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/ChatHeader.qml" line="+27"/>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing…</source>
        <translation>正在寫…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by %1 on this computer</source>
        <translation>由本機上的 %1 回答</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No model loaded</source>
        <translation>未載入模型</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chat memory %1 % full</source>
        <translation>聊天記憶已用 %1 %</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</source>
        <translation>模型可記住的 %2 個詞元中已用 %1 個。滿了之後由你決定忘掉什麼。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide options</source>
        <translation>隱藏選項</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat options</source>
        <translation>聊天選項</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../ui/ChatOptions.qml" line="+23"/>
        <source>Chat options</source>
        <translation>聊天選項</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model for this chat: %1</source>
        <translation>此聊天的模型：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the one in use</source>
        <translation>使用中的那個</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Instructions for the model (system prompt)</source>
        <translation>給模型的指示（系統提示詞）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: Answer briefly, in simple words.</source>
        <translation>例如：請簡短回答，用簡單的話。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instructions for the model</source>
        <translation>給模型的指示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Style of answers</source>
        <translation>回答風格</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Precise</source>
        <translation>精確</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sticks to the most likely words: facts, code, summaries.</source>
        <translation>選用最可能的詞：適合事實、程式碼和摘要。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good for everyday conversation.</source>
        <translation>適合日常對話。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creative</source>
        <translation>創意</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More surprising words: stories and ideas.</source>
        <translation>更出人意料的用詞：適合故事和點子。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Custom settings (see Advanced)</source>
        <translation>自訂設定（見「進階」）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Advanced</source>
        <translation>進階</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Temperature</source>
        <translation>溫度</translation>
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
        <translation>重複懲罰</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Seed</source>
        <translation>隨機種子</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>random</source>
        <translation>隨機</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply (tokens)</source>
        <translation>最長回覆（詞元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply in tokens</source>
        <translation>最長回覆的詞元數</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/Composer.qml" line="+43"/>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>輸入訊息…（Enter 傳送，Shift+Enter 換行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model first (Models), then write here.</source>
        <translation>請先載入模型（模型），然後在這裡輸入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the reply</source>
        <translation>停止回覆</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the message</source>
        <translation>傳送訊息</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <location filename="../ui/ContextChoice.qml" line="+25"/>
        <source>This chat is now longer than the model can keep in mind.</source>
        <translation>這個聊天已經超出模型能記住的長度。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.</source>
        <translation>
            <numerusform>要回答，模型需要忘掉最早的 %n 則訊息。無論怎樣，你的歷史記錄都不會被刪除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget the oldest and answer</source>
        <translation>忘掉最早的內容並回答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue in a new chat</source>
        <translation>在新聊天中繼續</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../app/qt/conversation_list_model.cpp" line="+43"/>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../ui/ConversationPanel.qml" line="+24"/>
        <source>New chat</source>
        <translation>新聊天</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a chat from a JSON file</source>
        <translation>從 JSON 檔案匯入聊天</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Search all chats</source>
        <translation>搜尋所有聊天</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No chat mentions “%1”.</source>
        <translation>沒有聊天提到「%1」。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your chats will be listed here.</source>
        <translation>你的聊天會列在這裡。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned: </source>
        <translation>已置頂：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>More for %1</source>
        <translation>%1 的更多操作</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>取消置頂</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation>置頂</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as Markdown</source>
        <translation>匯出為 Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON</source>
        <translation>匯出為 JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>重新命名聊天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New name</source>
        <translation>新名稱</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a chat</source>
        <translation>匯入聊天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth chat export (*.json)</source>
        <translation>Hearth 聊天匯出 (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” was deleted.</source>
        <translation>已刪除「%1」。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1</source>
        <translation>已儲存到 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat was imported.</source>
        <translation>聊天已匯入。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>開啟</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="+57"/>
        <source>accelerated</source>
        <translation>硬體加速</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>emulated</source>
        <translation>模擬</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../ui/ErrorBanner.qml" line="+34"/>
        <source>Open Models</source>
        <translation>開啟「模型」</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open Settings</source>
        <translation>開啟設定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>IndicatorBar</name>
    <message>
        <location filename="../ui/IndicatorBar.qml" line="+19"/>
        <source>Indicators</source>
        <translation>指示器</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none — open Models</source>
        <translation>無 — 開啟「模型」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size level: %1</source>
        <translation>大小等級：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a model under Models.</source>
        <translation>請在「模型」中選擇一個模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU memory</source>
        <translation>GPU 記憶體</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Speed (now)</source>
        <translation>速度（目前）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed (last reply)</source>
        <translation>速度（上次回覆）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</source>
        <translation>模型每秒寫出多少個詞元（詞的片段），以及它開始回答用了多久。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Memory speed used</source>
        <translation>已用記憶體速度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy</source>
        <translation>準確度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>estimate</source>
        <translation>估計</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../app/qt/indicators.cpp" line="+106"/>
        <source>No model loaded</source>
        <translation>未載入模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on the processor (no GPU driver)</source>
        <translation>在處理器上執行（無 GPU 驅動程式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model weights: %1</source>
        <translation>模型權重：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversation memory (KV cache): %1</source>
        <translation>對話記憶（KV 快取）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working space (scratch): %1</source>
        <translation>工作區（暫存）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: %1</source>
        <translation>其他程式：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: not reported by the driver</source>
        <translation>其他程式：驅動程式未回報</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Predicted before loading: %1 · measured: %2</source>
        <translation>載入前預測：%1 · 實測：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading your message…</source>
        <translation>正在閱讀你的訊息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 tokens/s</source>
        <translation>%1 詞元/秒</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+12"/>
        <source>known after the first reply</source>
        <translation>首次回覆後可知</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>first word in %1 ms</source>
        <translation>首個詞用時 %1 毫秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured on the processor</source>
        <translation>在處理器上不測量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>under 1 %</source>
        <translation>不到 1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing text reads the whole model once per word; this shows how close that runs to your GPU&apos;s memory speed. Known after the first reply.</source>
        <translation>寫文字時每個詞都要讀取一次整個模型；這裡顯示它離 GPU 記憶體速度有多近。首次回覆後可知。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</source>
        <translation>每寫一個詞都要從記憶體讀取整個模型：目前達到 GPU 記憶體可傳輸的 %2 GB/s 的 %1 %。接近 100 % 表示 GPU 已盡其所能；更低則表示時間耗在了別處。</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/qt/inference_worker.cpp" line="+243"/>
        <source>No model is loaded yet. Pick one under Models.</source>
        <translation>尚未載入模型。請在「模型」中選擇一個。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</source>
        <translation>這則訊息對模型的記憶來說太長了。請縮短它，或在設定中選擇更長的上下文。</translation>
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
        <translation>Hearth 無法開啟聊天記錄</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../ui/MessageDelegate.qml" line="+39"/>
        <source>You said</source>
        <translation>你說</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth answered</source>
        <translation>Hearth 回答</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Show the model&apos;s thinking</source>
        <translation>顯示模型的思考過程</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading your message…</source>
        <translation>正在閱讀你的訊息…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before the first word.</source>
        <translation>在第一個詞之前停止了。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model gave no answer.</source>
        <translation>模型沒有給出回答。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit your message</source>
        <translation>編輯你的訊息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first version is kept: use ‹ › to go back to it.</source>
        <translation>你的第一個版本會保留：用 ‹ › 返回。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Models</source>
        <translation>開啟「模型」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings</source>
        <translation>開啟設定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Previous version</source>
        <translation>上一個版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 of %2</source>
        <translation>第 %1 個版本，共 %2 個</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next version</source>
        <translation>下一個版本</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+74"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation>重新產生</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide confidence</source>
        <translation>隱藏信心度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>信心度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shade the words the model was unsure of</source>
        <translation>標出模型不確定的詞</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide details</source>
        <translation>隱藏詳細資料</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>詳細資料</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>code</source>
        <translation>程式碼</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy code</source>
        <translation>複製程式碼</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../app/qt/message_list_model.cpp" line="+120"/>
        <source>size level %1</source>
        <translation>大小等級 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n 個詞元</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first word after %1 ms</source>
        <translation>首個詞用時 %1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation>%1 詞元/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut short</source>
        <translation>被截斷</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>“%1”: the model was %2 % sure of this word</source>
        <translation>「%1」：模型對這個詞有 %2 % 的把握</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other candidates: %1</source>
        <translation>其他候選：%1</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../ui/MessageView.qml" line="+19"/>
        <source>Messages</source>
        <translation>訊息</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <location filename="../app/qt/model_library.cpp" line="+159"/>
        <source>%1 cannot be used: %2</source>
        <translation>無法使用 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The download is paused: Hearth is set to work offline (Settings, Privacy).</source>
        <translation>下載已暫停：Hearth 設為離線工作（設定 › 隱私）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</source>
        <translation>Hearth 已設為離線工作（設定 › 隱私）。請在那裡允許下載以取得示範模型。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The download stopped.</source>
        <translation>下載已停止。</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../ui/ModelsPage.qml" line="+30"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI models on this computer. The one in use answers your chats.</source>
        <translation>本機上的 AI 模型。使用中的模型會回答你的聊天。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a model file…</source>
        <translation>新增模型檔案…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading %1 onto the GPU…</source>
        <translation>正在把 %1 載入到 GPU…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Models on this computer</source>
        <translation>本機上的模型</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size level %1 · %2 on disk · %3</source>
        <translation>大小等級 %1 · 磁碟佔用 %2 · %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No models yet</source>
        <translation>還沒有模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</source>
        <translation>取得 1 MB 的示範模型立即試用 Hearth，或新增你已有的 GGUF 模型檔案。也可以把檔案拖到此視窗。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading…</source>
        <translation>正在下載…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>取得示範模型（1 MB）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Models folder: %1 — files put there appear here.</source>
        <translation>模型資料夾：%1 — 放在那裡的檔案會顯示在這裡。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drop the model file to add it</source>
        <translation>拖放模型檔案以新增</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a model file</source>
        <translation>新增模型檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
</context>
<context>
    <name>QuantAccuracy</name>
    <message>
        <location filename="../app/qt/quant_accuracy.cpp" line="+43"/>
        <source>unknown size</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1-bit (%2)</source>
        <translation>%1 位元 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Picks the same next word as the full model %1 % of the time</source>
        <translation>有 %1 % 的時候選出與完整模型相同的下一個詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file: KL divergence %1 from the full-precision model.</source>
        <translation>在此檔案上測得：與全精度模型的 KL 散度為 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file against the full-precision model.</source>
        <translation>在此檔案上與全精度模型對比測得。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not known for this size level</source>
        <translation>此大小等級未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No measurement is stored and no published figure exists for %1.</source>
        <translation>%1 沒有已儲存的測量值，也沒有公開的數據。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this file</source>
        <translation>此檔案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full quality: this file is not reduced</source>
        <translation>完整品質（未壓縮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 keeps the weights as they were published.</source>
        <translation>%1 保留了發布時的原始權重。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 % of the full model&apos;s quality</source>
        <translation>約為完整模型品質的 %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</source>
        <translation>%1 的公開數據：在 Llama-3-8B 上困惑度 +%2（llama.cpp 的量化工具）。未在此檔案上測量。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../ui/SettingsPage.qml" line="+22"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Appearance and language</source>
        <translation>外觀與語言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graphics card (GPU)</source>
        <translation>顯示卡（GPU）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Automatic (the fastest)</source>
        <translation>自動（最快的）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Graphics card</source>
        <translation>顯示卡</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chat memory (context)</source>
        <translation>聊天記憶（上下文）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat memory in tokens</source>
        <translation>聊天記憶（詞元數）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens</source>
        <translation>詞元</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</source>
        <translation>模型能記住多少聊天內容。越多越佔 GPU 記憶體；如果模型記憶體不足，請調低此值。下次載入模型時生效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your data</source>
        <translation>你的資料</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chats and models are kept in %1</source>
        <translation>聊天和模型儲存在 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now…</source>
        <translation>立即備份…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>還原備份…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported chats go to %1</source>
        <translation>匯出的聊天儲存到 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>變更…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>隱私</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</source>
        <translation>Hearth 從不傳送遙測資料。你的聊天永遠不會離開這台電腦。網路只用於取得推薦模型清單、搜尋模型和下載模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work offline (no network at all)</source>
        <translation>離線工作（完全不使用網路）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Where to save the backup</source>
        <translation>備份儲存位置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a backup to restore</source>
        <translation>選擇要還原的備份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth backups (*.sqlite3)</source>
        <translation>Hearth 備份 (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where exported chats go</source>
        <translation>匯出聊天的儲存位置</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.qml" line="+19"/>
        <source>Screens</source>
        <translation>頁面</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Private AI chat</source>
        <translation>私密 AI 聊天</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Model in use</source>
        <translation>使用中的模型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading… %1 %</source>
        <translation>正在載入… %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None yet</source>
        <translation>暫無</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing you type leaves this computer.</source>
        <translation>你輸入的任何內容都不會離開這台電腦。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../ui/Welcome.qml" line="+23"/>
        <source>Welcome to Hearth</source>
        <translation>歡迎使用 Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What would you like to talk about?</source>
        <translation>你想聊些什麼？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</source>
        <translation>Hearth 在這台電腦上執行 AI 模型。你寫的任何內容都不會被傳送出去。開始之前，需要一個模型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a model under Models to start chatting.</source>
        <translation>在「模型」中選擇一個模型即可開始聊天。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything stays on this computer. Your chats are saved and can be searched.</source>
        <translation>一切都留在這台電腦上。你的聊天會被儲存，並且可以搜尋。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try it now with the demo model</source>
        <translation>現在就用示範模型試試</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</source>
        <translation>一個會寫簡短童話的小模型（1 MB）。它並不聰明，但幾秒鐘就能展示一切如何運作。要真正聊天，請在「模型」中取得更大的模型。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Downloading…</source>
        <translation>正在下載…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>取得示範模型（1 MB）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Go to Models</source>
        <translation>前往「模型」</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tell me a short story about a brave little fox.</source>
        <translation>給我講一個關於勇敢小狐狸的短故事。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain how a rainbow forms, simply.</source>
        <translation>簡單解釋一下彩虹是怎麼形成的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a polite email declining an invitation.</source>
        <translation>寫一封禮貌地婉拒邀請的郵件。</translation>
    </message>
</context>
</TS>
