<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../app/qt/app_settings.cpp" line="+77"/>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Making a backup…</source>
        <translation>Haciendo una copia…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup saved to %1</source>
        <translation>Copia guardada en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed: %1</source>
        <translation>La copia falló: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</source>
        <translation>La copia se restaurará cuando Hearth vuelva a iniciarse. Sus chats actuales se guardan aparte, no se borran.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read %1.</source>
        <translation>No se pudo leer %1.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/qt/chat_controller.cpp" line="+16"/>
        <source>The model ran out of GPU memory. Use a smaller size or a shorter context.</source>
        <translation>El modelo se quedó sin memoria de GPU. Use un tamaño menor o un contexto más corto.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This model file could not be opened: %1 Pick another model, or download it again.</source>
        <translation>No se pudo abrir este archivo de modelo: %1 Elija otro modelo o vuelva a descargarlo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</source>
        <translation>El controlador gráfico dejó de responder. Inténtelo de nuevo; si vuelve a ocurrir, reinicie Hearth.</translation>
    </message>
    <message>
        <location line="+174"/>
        <location line="+55"/>
        <source>No model is loaded yet. Pick one under Models, or get the small demo model.</source>
        <translation>Todavía no hay ningún modelo cargado. Elija uno en Modelos u obtenga el pequeño modelo de demostración.</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This chat continues “%1”, which grew too long for the model&apos;s memory.</source>
        <translation>Este chat continúa «%1», que se volvió demasiado largo para la memoria del modelo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier the user asked: %1</source>
        <translation>Antes, el usuario preguntó: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continued: %1</source>
        <translation>Continuación: %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/ChatHeader.qml" line="+27"/>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing…</source>
        <translation>Escribiendo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by %1 on this computer</source>
        <translation>Responde %1 en este ordenador</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chat memory %1 % full</source>
        <translation>Memoria del chat al %1 %</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</source>
        <translation>%1 de %2 tokens que el modelo puede recordar. Cuando se llene, usted elige qué olvidar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide options</source>
        <translation>Ocultar opciones</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat options</source>
        <translation>Opciones del chat</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../ui/ChatOptions.qml" line="+23"/>
        <source>Chat options</source>
        <translation>Opciones del chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model for this chat: %1</source>
        <translation>Modelo de este chat: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the one in use</source>
        <translation>el que está en uso</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Instructions for the model (system prompt)</source>
        <translation>Instrucciones para el modelo (mensaje del sistema)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: Answer briefly, in simple words.</source>
        <translation>Por ejemplo: responde brevemente, con palabras sencillas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instructions for the model</source>
        <translation>Instrucciones para el modelo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Style of answers</source>
        <translation>Estilo de las respuestas</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Precise</source>
        <translation>Preciso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sticks to the most likely words: facts, code, summaries.</source>
        <translation>Se ciñe a las palabras más probables: datos, código, resúmenes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>Equilibrado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good for everyday conversation.</source>
        <translation>Bueno para la conversación diaria.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creative</source>
        <translation>Creativo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More surprising words: stories and ideas.</source>
        <translation>Palabras más sorprendentes: historias e ideas.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Custom settings (see Advanced)</source>
        <translation>Ajustes personalizados (ver Avanzado)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Temperature</source>
        <translation>Temperatura</translation>
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
        <translation>Penalización por repetición</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>random</source>
        <translation>aleatoria</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply (tokens)</source>
        <translation>Respuesta más larga (tokens)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply in tokens</source>
        <translation>Respuesta más larga en tokens</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/Composer.qml" line="+43"/>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>Escriba un mensaje… (Intro envía, Mayús+Intro para nueva línea)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model first (Models), then write here.</source>
        <translation>Cargue primero un modelo (Modelos) y luego escriba aquí.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the reply</source>
        <translation>Detener la respuesta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the message</source>
        <translation>Enviar el mensaje</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <location filename="../ui/ContextChoice.qml" line="+25"/>
        <source>This chat is now longer than the model can keep in mind.</source>
        <translation>Este chat ya es más largo de lo que el modelo puede recordar.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.</source>
        <translation>
            <numerusform>Para responder, el modelo tendría que olvidar el mensaje más antiguo. En ningún caso se borra nada de su historial.</numerusform>
            <numerusform>Para responder, el modelo tendría que olvidar los %n mensajes más antiguos. En ningún caso se borra nada de su historial.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget the oldest and answer</source>
        <translation>Olvidar lo más antiguo y responder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue in a new chat</source>
        <translation>Continuar en un chat nuevo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../app/qt/conversation_list_model.cpp" line="+43"/>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../ui/ConversationPanel.qml" line="+24"/>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a chat from a JSON file</source>
        <translation>Importar un chat desde un archivo JSON</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Search all chats</source>
        <translation>Buscar en todos los chats</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No chat mentions “%1”.</source>
        <translation>Ningún chat menciona «%1».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your chats will be listed here.</source>
        <translation>Sus chats aparecerán aquí.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned: </source>
        <translation>Fijado: </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>More for %1</source>
        <translation>Más para %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename…</source>
        <translation>Cambiar nombre…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>Dejar de fijar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation>Fijar arriba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as Markdown</source>
        <translation>Exportar como Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON</source>
        <translation>Exportar como JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>Cambiar el nombre del chat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New name</source>
        <translation>Nombre nuevo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a chat</source>
        <translation>Importar un chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth chat export (*.json)</source>
        <translation>Exportación de chat de Hearth (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” was deleted.</source>
        <translation>Se eliminó «%1».</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat was imported.</source>
        <translation>El chat se importó.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="+57"/>
        <source>accelerated</source>
        <translation>acelerado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>emulated</source>
        <translation>emulado</translation>
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
        <translation>Abrir Modelos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open Settings</source>
        <translation>Abrir Ajustes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>IndicatorBar</name>
    <message>
        <location filename="../ui/IndicatorBar.qml" line="+19"/>
        <source>Indicators</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none — open Models</source>
        <translation>ninguno — abrir Modelos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size level: %1</source>
        <translation>Nivel de tamaño: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a model under Models.</source>
        <translation>Elija un modelo en Modelos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU memory</source>
        <translation>Memoria de la GPU</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Speed (now)</source>
        <translation>Velocidad (ahora)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed (last reply)</source>
        <translation>Velocidad (última respuesta)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</source>
        <translation>Cuántos tokens (trozos de palabras) escribe el modelo por segundo y cuánto tardó en empezar a responder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Memory speed used</source>
        <translation>Velocidad de memoria usada</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>estimate</source>
        <translation>estimación</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../app/qt/indicators.cpp" line="+106"/>
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on the processor (no GPU driver)</source>
        <translation>Se ejecuta en el procesador (sin controlador de GPU)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model weights: %1</source>
        <translation>Pesos del modelo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversation memory (KV cache): %1</source>
        <translation>Memoria de la conversación (caché KV): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working space (scratch): %1</source>
        <translation>Espacio de trabajo (scratch): %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: %1</source>
        <translation>Otros programas: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: not reported by the driver</source>
        <translation>Otros programas: el controlador no lo indica</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Predicted before loading: %1 · measured: %2</source>
        <translation>Previsto antes de cargar: %1 · medido: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading your message…</source>
        <translation>Leyendo su mensaje…</translation>
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
        <translation>se sabe tras la primera respuesta</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>first word in %1 ms</source>
        <translation>primera palabra en %1 ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured on the processor</source>
        <translation>no se mide en el procesador</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>under 1 %</source>
        <translation>menos del 1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing text reads the whole model once per word; this shows how close that runs to your GPU&apos;s memory speed. Known after the first reply.</source>
        <translation>Escribir texto lee todo el modelo una vez por palabra; esto muestra lo cerca que va de la velocidad de memoria de su GPU. Se sabe tras la primera respuesta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</source>
        <translation>Cada palabra lee todo el modelo de la memoria: eso va al %1 % de los %2 GB/s que puede mover la memoria de su GPU. Cerca del 100 % significa que la GPU va tan rápido como puede; menos significa que se pierde tiempo en otra parte.</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/qt/inference_worker.cpp" line="+243"/>
        <source>No model is loaded yet. Pick one under Models.</source>
        <translation>Todavía no hay ningún modelo cargado. Elija uno en Modelos.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</source>
        <translation>Este mensaje es demasiado largo para la memoria del modelo. Acórtelo o elija un contexto más largo en Ajustes.</translation>
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
        <translation>Hearth no pudo abrir el historial de chats</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../ui/MessageDelegate.qml" line="+39"/>
        <source>You said</source>
        <translation>Usted dijo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth answered</source>
        <translation>Hearth respondió</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Thinking…</source>
        <translation>Pensando…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Show the model&apos;s thinking</source>
        <translation>Mostrar el razonamiento del modelo</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading your message…</source>
        <translation>Leyendo su mensaje…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before the first word.</source>
        <translation>Detenido antes de la primera palabra.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model gave no answer.</source>
        <translation>El modelo no dio ninguna respuesta.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit your message</source>
        <translation>Editar su mensaje</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first version is kept: use ‹ › to go back to it.</source>
        <translation>Su primera versión se conserva: use ‹ › para volver a ella.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Models</source>
        <translation>Abrir Modelos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings</source>
        <translation>Abrir Ajustes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Previous version</source>
        <translation>Versión anterior</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 of %2</source>
        <translation>Versión %1 de %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next version</source>
        <translation>Versión siguiente</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+74"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation>Regenerar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide confidence</source>
        <translation>Ocultar la confianza</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shade the words the model was unsure of</source>
        <translation>Sombrear las palabras de las que el modelo no estaba seguro</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide details</source>
        <translation>Ocultar detalles</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy code</source>
        <translation>Copiar el código</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../app/qt/message_list_model.cpp" line="+120"/>
        <source>size level %1</source>
        <translation>nivel de tamaño %1</translation>
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
        <translation>primera palabra tras %1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation>%1 tokens/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut short</source>
        <translation>cortado</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>“%1”: the model was %2 % sure of this word</source>
        <translation>«%1»: el modelo estaba seguro de esta palabra al %2 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other candidates: %1</source>
        <translation>Otras candidatas: %1</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../ui/MessageView.qml" line="+19"/>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <location filename="../app/qt/model_library.cpp" line="+159"/>
        <source>%1 cannot be used: %2</source>
        <translation>No se puede usar %1: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The download is paused: Hearth is set to work offline (Settings, Privacy).</source>
        <translation>La descarga está en pausa: Hearth está configurado para trabajar sin conexión (Ajustes, Privacidad).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</source>
        <translation>Hearth está configurado para trabajar sin conexión (Ajustes, Privacidad). Permita allí las descargas para obtener el modelo de demostración.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The download stopped.</source>
        <translation>La descarga se detuvo.</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../ui/ModelsPage.qml" line="+30"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI models on this computer. The one in use answers your chats.</source>
        <translation>Los modelos de IA de este ordenador. El que está en uso responde a sus chats.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a model file…</source>
        <translation>Añadir un archivo de modelo…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading %1 onto the GPU…</source>
        <translation>Cargando %1 en la GPU…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Models on this computer</source>
        <translation>Modelos en este ordenador</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>in use</source>
        <translation>en uso</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size level %1 · %2 on disk · %3</source>
        <translation>Nivel de tamaño %1 · %2 en disco · %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this model</source>
        <translation>Usar este modelo</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No models yet</source>
        <translation>Aún no hay modelos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</source>
        <translation>Consiga el modelo de demostración de 1 MB para probar Hearth ya, o añada un archivo de modelo GGUF que ya tenga. También puede soltar un archivo en esta ventana.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading…</source>
        <translation>Descargando…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Obtener el modelo de demostración (1 MB)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Models folder: %1 — files put there appear here.</source>
        <translation>Carpeta de modelos: %1 — los archivos que ponga allí aparecen aquí.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drop the model file to add it</source>
        <translation>Suelte el archivo del modelo para añadirlo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a model file</source>
        <translation>Añadir un archivo de modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
</context>
<context>
    <name>QuantAccuracy</name>
    <message>
        <location filename="../app/qt/quant_accuracy.cpp" line="+43"/>
        <source>unknown size</source>
        <translation>tamaño desconocido</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1-bit (%2)</source>
        <translation>%1 bits (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Picks the same next word as the full model %1 % of the time</source>
        <translation>Elige la misma palabra siguiente que el modelo completo el %1 % de las veces</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file: KL divergence %1 from the full-precision model.</source>
        <translation>Medido en este archivo: divergencia KL de %1 respecto al modelo de precisión completa.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file against the full-precision model.</source>
        <translation>Medido en este archivo frente al modelo de precisión completa.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not known for this size level</source>
        <translation>Desconocida para este nivel de tamaño</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No measurement is stored and no published figure exists for %1.</source>
        <translation>No hay ninguna medición guardada ni cifra publicada para %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this file</source>
        <translation>este archivo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full quality: this file is not reduced</source>
        <translation>Calidad original, sin reducir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 keeps the weights as they were published.</source>
        <translation>%1 conserva los pesos tal como se publicaron.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 % of the full model&apos;s quality</source>
        <translation>Aproximadamente el %1 % de la calidad del modelo completo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</source>
        <translation>Cifra publicada para %1: perplejidad +%2 en Llama-3-8B (herramienta de cuantización de llama.cpp). No medido en este archivo.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../ui/SettingsPage.qml" line="+22"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Appearance and language</source>
        <translation>Apariencia e idioma</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graphics card (GPU)</source>
        <translation>Tarjeta gráfica (GPU)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Automatic (the fastest)</source>
        <translation>Automático (la más rápida)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Graphics card</source>
        <translation>Tarjeta gráfica</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chat memory (context)</source>
        <translation>Memoria del chat (contexto)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat memory in tokens</source>
        <translation>Memoria del chat en tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens</source>
        <translation>tokens</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</source>
        <translation>Cuánto de un chat recuerda el modelo. Más requiere más memoria de GPU; si a un modelo le falta memoria, baje este valor. Se aplica la próxima vez que se cargue un modelo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your data</source>
        <translation>Sus datos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chats and models are kept in %1</source>
        <translation>Los chats y modelos se guardan en %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now…</source>
        <translation>Hacer copia ahora…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>Restaurar una copia…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported chats go to %1</source>
        <translation>Los chats exportados van a %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>Cambiar…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</source>
        <translation>Hearth nunca envía telemetría. Sus chats nunca salen de este ordenador. La red solo se usa para obtener la lista de modelos recomendados, buscar modelos y descargarlos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work offline (no network at all)</source>
        <translation>Trabajar sin conexión (nada de red)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Where to save the backup</source>
        <translation>Dónde guardar la copia</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a backup to restore</source>
        <translation>Elija una copia para restaurar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth backups (*.sqlite3)</source>
        <translation>Copias de Hearth (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where exported chats go</source>
        <translation>Dónde van los chats exportados</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.qml" line="+19"/>
        <source>Screens</source>
        <translation>Pantallas</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Private AI chat</source>
        <translation>Chat de IA privado</translation>
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
        <translation>Modelos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Model in use</source>
        <translation>Modelo en uso</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading… %1 %</source>
        <translation>Cargando… %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None yet</source>
        <translation>Ninguno aún</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing you type leaves this computer.</source>
        <translation>Nada de lo que escribe sale de este ordenador.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../ui/Welcome.qml" line="+23"/>
        <source>Welcome to Hearth</source>
        <translation>Bienvenido a Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What would you like to talk about?</source>
        <translation>¿De qué le gustaría hablar?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</source>
        <translation>Hearth ejecuta un modelo de IA en este ordenador. Nada de lo que escribe se envía a ningún sitio. Para empezar, necesita un modelo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a model under Models to start chatting.</source>
        <translation>Elija un modelo en Modelos para empezar a chatear.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything stays on this computer. Your chats are saved and can be searched.</source>
        <translation>Todo se queda en este ordenador. Sus chats se guardan y se pueden buscar.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try it now with the demo model</source>
        <translation>Pruébelo ahora con el modelo de demostración</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</source>
        <translation>Un modelo diminuto (1 MB) que escribe cuentos infantiles cortos. No es listo, pero muestra en segundos cómo funciona todo. Para conversaciones de verdad, consiga un modelo más grande en Modelos.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Downloading…</source>
        <translation>Descargando…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Obtener el modelo de demostración (1 MB)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Go to Models</source>
        <translation>Ir a Modelos</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tell me a short story about a brave little fox.</source>
        <translation>Cuéntame una historia corta sobre un pequeño zorro valiente.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain how a rainbow forms, simply.</source>
        <translation>Explica de forma sencilla cómo se forma un arcoíris.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a polite email declining an invitation.</source>
        <translation>Escribe un correo cortés para rechazar una invitación.</translation>
    </message>
</context>
</TS>
