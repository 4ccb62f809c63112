<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../app/qt/app_settings.cpp" line="+77"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Making a backup…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup saved to %1</source>
        <translation>备份已保存到 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</source>
        <translation>备份会在 Hearth 下次启动时恢复。你当前的聊天会另行保存，不会被删除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/qt/chat_controller.cpp" line="+16"/>
        <source>The model ran out of GPU memory. Use a smaller size or a shorter context.</source>
        <translation>模型的 GPU 显存不足。请使用更小的大小或更短的上下文。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This model file could not be opened: %1 Pick another model, or download it again.</source>
        <translation>无法打开此模型文件：%1 请选择其他模型，或重新下载。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</source>
        <translation>显卡驱动停止响应。请重试；如果再次发生，请重启 Hearth。</translation>
    </message>
    <message>
        <location line="+174"/>
        <location line="+55"/>
        <source>No model is loaded yet. Pick one under Models, or get the small demo model.</source>
        <translation>尚未加载模型。请在“模型”中选择一个，或获取小型演示模型。</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This chat continues “%1”, which grew too long for the model&apos;s memory.</source>
        <translation>此聊天延续“%1”，那个聊天对模型的记忆来说太长了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier the user asked: %1</source>
        <translation>之前用户问过：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continued: %1</source>
        <translation>续：%1</translation>
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
        <translation>正在写…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by %1 on this computer</source>
        <translation>由本机上的 %1 回答</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chat memory %1 % full</source>
        <translation>聊天记忆已用 %1 %</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</source>
        <translation>模型可记住的 %2 个词元中已用 %1 个。满了之后由你决定忘掉什么。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide options</source>
        <translation>隐藏选项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat options</source>
        <translation>聊天选项</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../ui/ChatOptions.qml" line="+23"/>
        <source>Chat options</source>
        <translation>聊天选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model for this chat: %1</source>
        <translation>此聊天的模型：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the one in use</source>
        <translation>正在使用的那个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Instructions for the model (system prompt)</source>
        <translation>给模型的指示（系统提示词）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: Answer briefly, in simple words.</source>
        <translation>例如：请简短回答，用简单的话。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instructions for the model</source>
        <translation>给模型的指示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Style of answers</source>
        <translation>回答风格</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Precise</source>
        <translation>精确</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sticks to the most likely words: facts, code, summaries.</source>
        <translation>选用最可能的词：适合事实、代码和摘要。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good for everyday conversation.</source>
        <translation>适合日常对话。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creative</source>
        <translation>创意</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More surprising words: stories and ideas.</source>
        <translation>更出人意料的用词：适合故事和点子。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Custom settings (see Advanced)</source>
        <translation>自定义设置（见“高级”）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Advanced</source>
        <translation>高级</translation>
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
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply (tokens)</source>
        <translation>最长回复（词元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply in tokens</source>
        <translation>最长回复的词元数</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/Composer.qml" line="+43"/>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>输入消息…（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model first (Models), then write here.</source>
        <translation>请先加载模型（模型），然后在这里输入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the reply</source>
        <translation>停止回复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <location filename="../ui/ContextChoice.qml" line="+25"/>
        <source>This chat is now longer than the model can keep in mind.</source>
        <translation>这个聊天已经超出模型能记住的长度。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.</source>
        <translation>
            <numerusform>要回答，模型需要忘掉最早的 %n 条消息。无论怎样，你的历史记录都不会被删除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget the oldest and answer</source>
        <translation>忘掉最早的内容并回答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue in a new chat</source>
        <translation>在新聊天中继续</translation>
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
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a chat from a JSON file</source>
        <translation>从 JSON 文件导入聊天</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Search all chats</source>
        <translation>搜索所有聊天</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No chat mentions “%1”.</source>
        <translation>没有聊天提到“%1”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your chats will be listed here.</source>
        <translation>你的聊天会列在这里。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chats</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned: </source>
        <translation>已置顶：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>More for %1</source>
        <translation>%1 的更多操作</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as Markdown</source>
        <translation>导出为 Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON</source>
        <translation>导出为 JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>重命名聊天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a chat</source>
        <translation>导入聊天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth chat export (*.json)</source>
        <translation>Hearth 聊天导出 (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” was deleted.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat was imported.</source>
        <translation>聊天已导入。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="+57"/>
        <source>accelerated</source>
        <translation>硬件加速</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>emulated</source>
        <translation>模拟</translation>
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
        <translation>打开“模型”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
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
        <translation>无 — 打开“模型”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size level: %1</source>
        <translation>大小级别：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a model under Models.</source>
        <translation>请在“模型”中选择一个模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU memory</source>
        <translation>GPU 显存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Speed (now)</source>
        <translation>速度（当前）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed (last reply)</source>
        <translation>速度（上次回复）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</source>
        <translation>模型每秒写出多少个词元（词的片段），以及它开始回答用了多久。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Memory speed used</source>
        <translation>已用内存速度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy</source>
        <translation>准确度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>estimate</source>
        <translation>估计</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../app/qt/indicators.cpp" line="+106"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on the processor (no GPU driver)</source>
        <translation>在处理器上运行（无 GPU 驱动）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model weights: %1</source>
        <translation>模型权重：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversation memory (KV cache): %1</source>
        <translation>对话记忆（KV 缓存）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working space (scratch): %1</source>
        <translation>工作区（暂存）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: %1</source>
        <translation>其他程序：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: not reported by the driver</source>
        <translation>其他程序：驱动未报告</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Predicted before loading: %1 · measured: %2</source>
        <translation>加载前预测：%1 · 实测：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading your message…</source>
        <translation>正在阅读你的消息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+12"/>
        <source>known after the first reply</source>
        <translation>首次回复后可知</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>first word in %1 ms</source>
        <translation>首个词用时 %1 毫秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured on the processor</source>
        <translation>在处理器上不测量</translation>
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
        <translation>写文字时每个词都要读取一次整个模型；这里显示它离 GPU 内存速度有多近。首次回复后可知。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</source>
        <translation>每写一个词都要从内存读取整个模型：目前达到 GPU 内存可传输的 %2 GB/s 的 %1 %。接近 100 % 说明 GPU 已尽其所能；更低则说明时间耗在了别处。</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/qt/inference_worker.cpp" line="+243"/>
        <source>No model is loaded yet. Pick one under Models.</source>
        <translation>尚未加载模型。请在“模型”中选择一个。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</source>
        <translation>这条消息对模型的记忆来说太长了。请缩短它，或在设置中选择更长的上下文。</translation>
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
        <translation>Hearth 无法打开聊天记录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../ui/MessageDelegate.qml" line="+39"/>
        <source>You said</source>
        <translation>你说</translation>
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
        <translation>显示模型的思考过程</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading your message…</source>
        <translation>正在阅读你的消息…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before the first word.</source>
        <translation>在第一个词之前停止了。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model gave no answer.</source>
        <translation>模型没有给出回答。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit your message</source>
        <translation>编辑你的消息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first version is kept: use ‹ › to go back to it.</source>
        <translation>你的第一个版本会保留：用 ‹ › 返回。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Models</source>
        <translation>打开“模型”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 of %2</source>
        <translation>第 %1 个版本，共 %2 个</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+74"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide confidence</source>
        <translation>隐藏置信度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shade the words the model was unsure of</source>
        <translation>标出模型不确定的词</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide details</source>
        <translation>隐藏详情</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../app/qt/message_list_model.cpp" line="+120"/>
        <source>size level %1</source>
        <translation>大小级别 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first word after %1 ms</source>
        <translation>首个词用时 %1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut short</source>
        <translation>被截断</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>“%1”: the model was %2 % sure of this word</source>
        <translation>“%1”：模型对这个词有 %2 % 的把握</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other candidates: %1</source>
        <translation>其他候选：%1</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../ui/MessageView.qml" line="+19"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <location filename="../app/qt/model_library.cpp" line="+159"/>
        <source>%1 cannot be used: %2</source>
        <translation>无法使用 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The download is paused: Hearth is set to work offline (Settings, Privacy).</source>
        <translation>下载已暂停：Hearth 设为离线工作（设置 › 隐私）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</source>
        <translation>Hearth 已设为离线工作（设置 › 隐私）。请在那里允许下载以获取演示模型。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The download stopped.</source>
        <translation>下载已停止。</translation>
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
        <translation>本机上的 AI 模型。正在使用的模型会回答你的聊天。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a model file…</source>
        <translation>添加模型文件…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading %1 onto the GPU…</source>
        <translation>正在把 %1 加载到 GPU…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Models on this computer</source>
        <translation>本机上的模型</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>in use</source>
        <translation>正在使用</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size level %1 · %2 on disk · %3</source>
        <translation>大小级别 %1 · 磁盘占用 %2 · %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In use</source>
        <translation>正在使用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No models yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</source>
        <translation>获取 1 MB 的演示模型立即试用 Hearth，或添加你已有的 GGUF 模型文件。也可以把文件拖到此窗口。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>获取演示模型（1 MB）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Models folder: %1 — files put there appear here.</source>
        <translation>模型文件夹：%1 — 放在那里的文件会显示在这里。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drop the model file to add it</source>
        <translation>拖放模型文件以添加</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a model file</source>
        <translation>添加模型文件</translation>
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
        <translation>%1 位 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Picks the same next word as the full model %1 % of the time</source>
        <translation>有 %1 % 的时候选出与完整模型相同的下一个词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file: KL divergence %1 from the full-precision model.</source>
        <translation>在此文件上测得：与全精度模型的 KL 散度为 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file against the full-precision model.</source>
        <translation>在此文件上与全精度模型对比测得。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not known for this size level</source>
        <translation>此大小级别未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No measurement is stored and no published figure exists for %1.</source>
        <translation>%1 没有已保存的测量值，也没有公开的数据。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this file</source>
        <translation>此文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full quality: this file is not reduced</source>
        <translation>完整质量（未压缩）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 keeps the weights as they were published.</source>
        <translation>%1 保留了发布时的原始权重。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 % of the full model&apos;s quality</source>
        <translation>约为完整模型质量的 %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</source>
        <translation>%1 的公开数据：在 Llama-3-8B 上困惑度 +%2（llama.cpp 的量化工具）。未在此文件上测量。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../ui/SettingsPage.qml" line="+22"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Appearance and language</source>
        <translation>外观和语言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>语言</translation>
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
        <translation>显卡（GPU）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Automatic (the fastest)</source>
        <translation>自动（最快的）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Graphics card</source>
        <translation>显卡</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chat memory (context)</source>
        <translation>聊天记忆（上下文）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat memory in tokens</source>
        <translation>聊天记忆（词元数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</source>
        <translation>模型能记住多少聊天内容。越多越占 GPU 显存；如果模型显存不足，请调低此值。下次加载模型时生效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your data</source>
        <translation>你的数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chats and models are kept in %1</source>
        <translation>聊天和模型保存在 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>恢复备份…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported chats go to %1</source>
        <translation>导出的聊天保存到 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</source>
        <translation>Hearth 从不发送遥测数据。你的聊天永远不会离开这台电脑。网络只用于获取推荐模型列表、搜索模型和下载模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work offline (no network at all)</source>
        <translation>离线工作（完全不使用网络）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Where to save the backup</source>
        <translation>备份保存位置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a backup to restore</source>
        <translation>选择要恢复的备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth backups (*.sqlite3)</source>
        <translation>Hearth 备份 (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where exported chats go</source>
        <translation>导出聊天的保存位置</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.qml" line="+19"/>
        <source>Screens</source>
        <translation>页面</translation>
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
        <translation>设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Model in use</source>
        <translation>正在使用的模型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading… %1 %</source>
        <translation>正在加载… %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing you type leaves this computer.</source>
        <translation>你输入的任何内容都不会离开这台电脑。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../ui/Welcome.qml" line="+23"/>
        <source>Welcome to Hearth</source>
        <translation>欢迎使用 Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What would you like to talk about?</source>
        <translation>你想聊些什么？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</source>
        <translation>Hearth 在这台电脑上运行 AI 模型。你写的任何内容都不会被发送出去。开始之前，需要一个模型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a model under Models to start chatting.</source>
        <translation>在“模型”中选择一个模型即可开始聊天。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything stays on this computer. Your chats are saved and can be searched.</source>
        <translation>一切都留在这台电脑上。你的聊天会被保存，并且可以搜索。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try it now with the demo model</source>
        <translation>现在就用演示模型试试</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</source>
        <translation>一个会写简短童话的小模型（1 MB）。它并不聪明，但几秒钟就能展示一切如何运作。要真正聊天，请在“模型”中获取更大的模型。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>获取演示模型（1 MB）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Go to Models</source>
        <translation>前往“模型”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tell me a short story about a brave little fox.</source>
        <translation>给我讲一个关于勇敢小狐狸的短故事。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain how a rainbow forms, simply.</source>
        <translation>简单解释一下彩虹是怎么形成的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a polite email declining an invitation.</source>
        <translation>写一封礼貌地婉拒邀请的邮件。</translation>
    </message>
</context>
</TS>
