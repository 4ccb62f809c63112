<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../app/qt/app_settings.cpp" line="+77"/>
        <source>Same as the system</source>
        <translation>システムと同じ</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Making a backup…</source>
        <translation>バックアップ中…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup saved to %1</source>
        <translation>バックアップを %1 に保存しました</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed: %1</source>
        <translation>バックアップに失敗しました: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</source>
        <translation>バックアップは Hearth の次回起動時に復元されます。現在のチャットは削除されず、別に保管されます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read %1.</source>
        <translation>%1 を読み込めませんでした。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/qt/chat_controller.cpp" line="+16"/>
        <source>The model ran out of GPU memory. Use a smaller size or a shorter context.</source>
        <translation>モデルの GPU メモリが足りなくなりました。小さいサイズか短いコンテキストを使ってください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This model file could not be opened: %1 Pick another model, or download it again.</source>
        <translation>このモデルファイルを開けませんでした: %1 別のモデルを選ぶか、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</source>
        <translation>グラフィックドライバーが応答しなくなりました。もう一度試し、再発する場合は Hearth を再起動してください。</translation>
    </message>
    <message>
        <location line="+174"/>
        <location line="+55"/>
        <source>No model is loaded yet. Pick one under Models, or get the small demo model.</source>
        <translation>まだモデルが読み込まれていません。「モデル」で選ぶか、小さなデモモデルを入手してください。</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This chat continues “%1”, which grew too long for the model&apos;s memory.</source>
        <translation>この会話は、モデルの記憶に収まらなくなった「%1」の続きです。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier the user asked: %1</source>
        <translation>以前のユーザーの質問: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continued: %1</source>
        <translation>続き: %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/ChatHeader.qml" line="+27"/>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing…</source>
        <translation>書いています…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by %1 on this computer</source>
        <translation>このコンピューター上の %1 が回答</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No model loaded</source>
        <translation>モデル未読み込み</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chat memory %1 % full</source>
        <translation>チャットの記憶 %1 % 使用中</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</source>
        <translation>モデルが覚えておける %2 トークンのうち %1 トークン。いっぱいになったら、何を忘れるかを選べます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide options</source>
        <translation>オプションを隠す</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat options</source>
        <translation>チャットのオプション</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../ui/ChatOptions.qml" line="+23"/>
        <source>Chat options</source>
        <translation>チャットのオプション</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model for this chat: %1</source>
        <translation>このチャットのモデル: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the one in use</source>
        <translation>使用中のもの</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Instructions for the model (system prompt)</source>
        <translation>モデルへの指示 (システムプロンプト)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: Answer briefly, in simple words.</source>
        <translation>例: 簡潔に、やさしい言葉で答えて。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instructions for the model</source>
        <translation>モデルへの指示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Style of answers</source>
        <translation>回答のスタイル</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Precise</source>
        <translation>正確</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sticks to the most likely words: facts, code, summaries.</source>
        <translation>最もありそうな語を選びます: 事実、コード、要約に。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>バランス</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good for everyday conversation.</source>
        <translation>日常の会話に向いています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creative</source>
        <translation>クリエイティブ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More surprising words: stories and ideas.</source>
        <translation>意外性のある言葉: 物語やアイデアに。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Custom settings (see Advanced)</source>
        <translation>カスタム設定 (詳細設定を参照)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Advanced</source>
        <translation>詳細設定</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Temperature</source>
        <translation>温度</translation>
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
        <translation>繰り返しペナルティ</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>random</source>
        <translation>ランダム</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply (tokens)</source>
        <translation>回答の最大長 (トークン)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply in tokens</source>
        <translation>回答の最大長 (トークン数)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/Composer.qml" line="+43"/>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>メッセージを入力… (Enter で送信、Shift+Enter で改行)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model first (Models), then write here.</source>
        <translation>まずモデルを読み込んでから (モデル)、ここに書いてください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the reply</source>
        <translation>回答を止める</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the message</source>
        <translation>メッセージを送信</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <location filename="../ui/ContextChoice.qml" line="+25"/>
        <source>This chat is now longer than the model can keep in mind.</source>
        <translation>このチャットはモデルが覚えておける長さを超えました。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.</source>
        <translation>
            <numerusform>回答するには、モデルは最も古い %n 件のメッセージを忘れる必要があります。どちらを選んでも履歴からは何も削除されません。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget the oldest and answer</source>
        <translation>古いものを忘れて回答する</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue in a new chat</source>
        <translation>新しいチャットで続ける</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../app/qt/conversation_list_model.cpp" line="+43"/>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../ui/ConversationPanel.qml" line="+24"/>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import…</source>
        <translation>読み込む…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a chat from a JSON file</source>
        <translation>JSON ファイルからチャットを読み込む</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Search all chats</source>
        <translation>すべてのチャットを検索</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No chat mentions “%1”.</source>
        <translation>「%1」を含むチャットはありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your chats will be listed here.</source>
        <translation>チャットはここに一覧表示されます。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chats</source>
        <translation>チャット</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned: </source>
        <translation>固定: </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>More for %1</source>
        <translation>%1 のその他の操作</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>固定を解除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation>上部に固定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as Markdown</source>
        <translation>Markdown で書き出す</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON</source>
        <translation>JSON で書き出す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>チャット名を変更</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New name</source>
        <translation>新しい名前</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a chat</source>
        <translation>チャットを読み込む</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth chat export (*.json)</source>
        <translation>Hearth チャットの書き出し (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” was deleted.</source>
        <translation>「%1」を削除しました。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1</source>
        <translation>%1 に保存しました</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat was imported.</source>
        <translation>チャットを読み込みました。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>開く</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="+57"/>
        <source>accelerated</source>
        <translation>高速化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>emulated</source>
        <translation>エミュレーション</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../ui/ErrorBanner.qml" line="+34"/>
        <source>Open Models</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open Settings</source>
        <translation>設定を開く</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>IndicatorBar</name>
    <message>
        <location filename="../ui/IndicatorBar.qml" line="+19"/>
        <source>Indicators</source>
        <translation>インジケーター</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none — open Models</source>
        <translation>なし — モデルを開く</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size level: %1</source>
        <translation>サイズレベル: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a model under Models.</source>
        <translation>「モデル」でモデルを選んでください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU memory</source>
        <translation>GPU メモリ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Speed (now)</source>
        <translation>速度 (現在)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed (last reply)</source>
        <translation>速度 (前回の回答)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</source>
        <translation>モデルが 1 秒間に書くトークン (単語の断片) の数と、回答を始めるまでにかかった時間。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Memory speed used</source>
        <translation>使用中のメモリ速度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>estimate</source>
        <translation>推定</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../app/qt/indicators.cpp" line="+106"/>
        <source>No model loaded</source>
        <translation>モデル未読み込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on the processor (no GPU driver)</source>
        <translation>プロセッサーで実行中 (GPU ドライバーなし)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model weights: %1</source>
        <translation>モデルの重み: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversation memory (KV cache): %1</source>
        <translation>会話の記憶 (KV キャッシュ): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working space (scratch): %1</source>
        <translation>作業領域 (スクラッチ): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: %1</source>
        <translation>他のプログラム: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: not reported by the driver</source>
        <translation>他のプログラム: ドライバーが報告していません</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Predicted before loading: %1 · measured: %2</source>
        <translation>読み込み前の予測: %1 · 実測: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading your message…</source>
        <translation>メッセージを読んでいます…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 tokens/s</source>
        <translation>%1 トークン/秒</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+12"/>
        <source>known after the first reply</source>
        <translation>最初の回答の後にわかります</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>first word in %1 ms</source>
        <translation>最初の語まで %1 ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured on the processor</source>
        <translation>プロセッサーでは測定しません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>under 1 %</source>
        <translation>1 % 未満</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing text reads the whole model once per word; this shows how close that runs to your GPU&apos;s memory speed. Known after the first reply.</source>
        <translation>文章を書くとき、1 語ごとにモデル全体を読み込みます。これは、その速さが GPU のメモリ速度にどれだけ近いかを示します。最初の回答の後にわかります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</source>
        <translation>1 語ごとにモデル全体をメモリから読み込みます。その速さは GPU のメモリが転送できる %2 GB/s の %1 % です。100 % に近ければ GPU は限界まで速く、低ければ別の所で時間を失っています。</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/qt/inference_worker.cpp" line="+243"/>
        <source>No model is loaded yet. Pick one under Models.</source>
        <translation>まだモデルが読み込まれていません。「モデル」で選んでください。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</source>
        <translation>このメッセージはモデルの記憶には長すぎます。短くするか、設定でより長いコンテキストを選んでください。</translation>
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
        <translation>Hearth はチャット履歴を開けませんでした</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../ui/MessageDelegate.qml" line="+39"/>
        <source>You said</source>
        <translation>あなたの発言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth answered</source>
        <translation>Hearth の回答</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Thinking…</source>
        <translation>考え中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Show the model&apos;s thinking</source>
        <translation>モデルの思考を表示</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading your message…</source>
        <translation>メッセージを読んでいます…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before the first word.</source>
        <translation>最初の語の前に停止しました。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model gave no answer.</source>
        <translation>モデルは何も答えませんでした。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit your message</source>
        <translation>メッセージを編集</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first version is kept: use ‹ › to go back to it.</source>
        <translation>最初のバージョンは残ります。‹ › で戻れます。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Models</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings</source>
        <translation>設定を開く</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>もう一度試す</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Previous version</source>
        <translation>前のバージョン</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 of %2</source>
        <translation>バージョン %1 / %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next version</source>
        <translation>次のバージョン</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+74"/>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide confidence</source>
        <translation>確信度を隠す</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>確信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shade the words the model was unsure of</source>
        <translation>モデルが自信のなかった語に色を付ける</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide details</source>
        <translation>詳細を隠す</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>code</source>
        <translation>コード</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy code</source>
        <translation>コードをコピー</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../app/qt/message_list_model.cpp" line="+120"/>
        <source>size level %1</source>
        <translation>サイズレベル %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n トークン</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first word after %1 ms</source>
        <translation>最初の語まで %1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation>%1 トークン/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>停止済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut short</source>
        <translation>途中で終了</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>“%1”: the model was %2 % sure of this word</source>
        <translation>「%1」: モデルはこの語に %2 % の確信がありました</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other candidates: %1</source>
        <translation>ほかの候補: %1</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../ui/MessageView.qml" line="+19"/>
        <source>Messages</source>
        <translation>メッセージ</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <location filename="../app/qt/model_library.cpp" line="+159"/>
        <source>%1 cannot be used: %2</source>
        <translation>%1 は使用できません: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The download is paused: Hearth is set to work offline (Settings, Privacy).</source>
        <translation>ダウンロードを一時停止しました: Hearth はオフラインで動作する設定です (設定 › プライバシー)。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</source>
        <translation>Hearth はオフラインで動作する設定です (設定 › プライバシー)。デモモデルを入手するには、そこでダウンロードを許可してください。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The download stopped.</source>
        <translation>ダウンロードが止まりました。</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../ui/ModelsPage.qml" line="+30"/>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI models on this computer. The one in use answers your chats.</source>
        <translation>このコンピューター上の AI モデル。使用中のモデルがチャットに答えます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a model file…</source>
        <translation>モデルファイルを追加…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading %1 onto the GPU…</source>
        <translation>%1 を GPU に読み込み中…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Models on this computer</source>
        <translation>このコンピューター上のモデル</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size level %1 · %2 on disk · %3</source>
        <translation>サイズレベル %1 · ディスク上 %2 · %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this model</source>
        <translation>このモデルを使う</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No models yet</source>
        <translation>まだモデルがありません</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</source>
        <translation>1 MB のデモモデルを入手してすぐに Hearth を試すか、お持ちの GGUF モデルファイルを追加してください。このウィンドウにファイルをドロップすることもできます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading…</source>
        <translation>ダウンロード中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>デモモデルを入手 (1 MB)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Models folder: %1 — files put there appear here.</source>
        <translation>モデルフォルダー: %1 — そこに置いたファイルがここに表示されます。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drop the model file to add it</source>
        <translation>モデルファイルをドロップして追加</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a model file</source>
        <translation>モデルファイルを追加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF モデル (*.gguf)</translation>
    </message>
</context>
<context>
    <name>QuantAccuracy</name>
    <message>
        <location filename="../app/qt/quant_accuracy.cpp" line="+43"/>
        <source>unknown size</source>
        <translation>サイズ不明</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1-bit (%2)</source>
        <translation>%1 ビット (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Picks the same next word as the full model %1 % of the time</source>
        <translation>%1 % の確率で元のモデルと同じ次の語を選びます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file: KL divergence %1 from the full-precision model.</source>
        <translation>このファイルで測定: フル精度のモデルとの KL ダイバージェンス %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file against the full-precision model.</source>
        <translation>このファイルで、フル精度のモデルと比べて測定しました。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not known for this size level</source>
        <translation>このサイズレベルでは不明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No measurement is stored and no published figure exists for %1.</source>
        <translation>%1 については保存された測定値も公表値もありません。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this file</source>
        <translation>このファイル</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full quality: this file is not reduced</source>
        <translation>フル品質（縮小なし）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 keeps the weights as they were published.</source>
        <translation>%1 は公開されたままの重みを保持しています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 % of the full model&apos;s quality</source>
        <translation>元のモデルの品質の約 %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</source>
        <translation>%1 の公表値: Llama-3-8B でパープレキシティ +%2 (llama.cpp の量子化ツール)。このファイルでは測定していません。</translation>
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
        <translation>外観と言語</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>システムと同じ</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Text size</source>
        <translation>文字の大きさ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graphics card (GPU)</source>
        <translation>グラフィックカード (GPU)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Automatic (the fastest)</source>
        <translation>自動 (最速のもの)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Graphics card</source>
        <translation>グラフィックカード</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chat memory (context)</source>
        <translation>チャットの記憶 (コンテキスト)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat memory in tokens</source>
        <translation>チャットの記憶 (トークン数)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens</source>
        <translation>トークン</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</source>
        <translation>モデルがチャットをどれだけ覚えておくか。多いほど GPU メモリが必要です。メモリが足りなくなったら値を下げてください。次にモデルを読み込んだときに適用されます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your data</source>
        <translation>データ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chats and models are kept in %1</source>
        <translation>チャットとモデルの保存先: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now…</source>
        <translation>今すぐバックアップ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>バックアップを復元…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported chats go to %1</source>
        <translation>書き出したチャットの保存先: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>変更…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>プライバシー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</source>
        <translation>Hearth はテレメトリを一切送信しません。チャットがこのコンピューターの外に出ることはありません。ネットワークは、おすすめモデルの一覧の取得、モデルの検索とダウンロードにだけ使われます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work offline (no network at all)</source>
        <translation>オフラインで使う (ネットワークを一切使わない)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Where to save the backup</source>
        <translation>バックアップの保存先</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a backup to restore</source>
        <translation>復元するバックアップを選択</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth backups (*.sqlite3)</source>
        <translation>Hearth のバックアップ (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where exported chats go</source>
        <translation>書き出したチャットの保存先</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.qml" line="+19"/>
        <source>Screens</source>
        <translation>画面</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Private AI chat</source>
        <translation>プライベートな AI チャット</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chats</source>
        <translation>チャット</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>モデル</translation>
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
        <translation>使用中のモデル</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading… %1 %</source>
        <translation>読み込み中… %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None yet</source>
        <translation>まだありません</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing you type leaves this computer.</source>
        <translation>入力した内容がこのコンピューターの外に出ることはありません。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../ui/Welcome.qml" line="+23"/>
        <source>Welcome to Hearth</source>
        <translation>Hearth へようこそ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What would you like to talk about?</source>
        <translation>何について話しましょうか?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</source>
        <translation>Hearth はこのコンピューター上で AI モデルを動かします。書いた内容はどこにも送信されません。始めるにはモデルが必要です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a model under Models to start chatting.</source>
        <translation>「モデル」でモデルを選ぶとチャットを始められます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything stays on this computer. Your chats are saved and can be searched.</source>
        <translation>すべてこのコンピューター内に保存されます。チャットは保存され、検索できます。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try it now with the demo model</source>
        <translation>デモモデルで今すぐ試す</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</source>
        <translation>短い童話を書く小さなモデル (1 MB) です。賢くはありませんが、すべての仕組みを数秒で確かめられます。本格的な会話には「モデル」でもっと大きなモデルを入手してください。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Downloading…</source>
        <translation>ダウンロード中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>デモモデルを入手 (1 MB)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Go to Models</source>
        <translation>モデルへ</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tell me a short story about a brave little fox.</source>
        <translation>勇敢な子ギツネの短いお話をして。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain how a rainbow forms, simply.</source>
        <translation>虹ができる仕組みをやさしく説明して。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a polite email declining an invitation.</source>
        <translation>招待を丁寧に断るメールを書いて。</translation>
    </message>
</context>
</TS>
