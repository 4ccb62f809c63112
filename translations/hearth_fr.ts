<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../app/qt/app_settings.cpp" line="+77"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Making a backup…</source>
        <translation>Sauvegarde en cours…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backup saved to %1</source>
        <translation>Sauvegarde enregistrée dans %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup failed: %1</source>
        <translation>La sauvegarde a échoué : %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup will be restored when Hearth starts again. Your current chats are kept aside, not deleted.</source>
        <translation>La sauvegarde sera restaurée au prochain démarrage de Hearth. Vos chats actuels sont mis de côté, pas supprimés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/qt/chat_controller.cpp" line="+16"/>
        <source>The model ran out of GPU memory. Use a smaller size or a shorter context.</source>
        <translation>Le modèle a manqué de mémoire GPU. Utilisez une taille plus petite ou un contexte plus court.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This model file could not be opened: %1 Pick another model, or download it again.</source>
        <translation>Ce fichier de modèle n&apos;a pas pu être ouvert : %1 Choisissez un autre modèle, ou téléchargez-le à nouveau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The graphics driver stopped responding. Try again; if it happens again, restart Hearth.</source>
        <translation>Le pilote graphique ne répond plus. Réessayez ; si cela se reproduit, redémarrez Hearth.</translation>
    </message>
    <message>
        <location line="+174"/>
        <location line="+55"/>
        <source>No model is loaded yet. Pick one under Models, or get the small demo model.</source>
        <translation>Aucun modèle n&apos;est encore chargé. Choisissez-en un dans Modèles, ou obtenez le petit modèle de démonstration.</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>This chat continues “%1”, which grew too long for the model&apos;s memory.</source>
        <translation>Ce chat poursuit « %1 », devenu trop long pour la mémoire du modèle.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier the user asked: %1</source>
        <translation>Plus tôt, l’utilisateur a demandé : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continued: %1</source>
        <translation>Suite : %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/ChatHeader.qml" line="+27"/>
        <source>New chat</source>
        <translation>Nouveau chat</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing…</source>
        <translation>Écriture…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by %1 on this computer</source>
        <translation>Répondu par %1 sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No model loaded</source>
        <translation>Aucun modèle chargé</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chat memory %1 % full</source>
        <translation>Mémoire du chat pleine à %1 %</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of %2 tokens the model can keep in mind. When it is full you choose what to forget.</source>
        <translation>%1 sur %2 jetons que le modèle peut garder en mémoire. Quand c&apos;est plein, vous choisissez ce qui est oublié.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide options</source>
        <translation>Masquer les options</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat options</source>
        <translation>Options du chat</translation>
    </message>
</context>
<context>
    <name>ChatOptions</name>
    <message>
        <location filename="../ui/ChatOptions.qml" line="+23"/>
        <source>Chat options</source>
        <translation>Options du chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model for this chat: %1</source>
        <translation>Modèle de ce chat : %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the one in use</source>
        <translation>celui utilisé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Instructions for the model (system prompt)</source>
        <translation>Instructions pour le modèle (invite système)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For example: Answer briefly, in simple words.</source>
        <translation>Par exemple : réponds brièvement, avec des mots simples.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instructions for the model</source>
        <translation>Instructions pour le modèle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Style of answers</source>
        <translation>Style des réponses</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Precise</source>
        <translation>Précis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sticks to the most likely words: facts, code, summaries.</source>
        <translation>S&apos;en tient aux mots les plus probables : faits, code, résumés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>Équilibré</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good for everyday conversation.</source>
        <translation>Bien pour les conversations de tous les jours.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creative</source>
        <translation>Créatif</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More surprising words: stories and ideas.</source>
        <translation>Des mots plus surprenants : histoires et idées.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Custom settings (see Advanced)</source>
        <translation>Réglages personnalisés (voir Avancé)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Temperature</source>
        <translation>Température</translation>
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
        <translation>Pénalité de répétition</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>random</source>
        <translation>aléatoire</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply (tokens)</source>
        <translation>Réponse la plus longue (jetons)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest reply in tokens</source>
        <translation>Réponse la plus longue en jetons</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../ui/Composer.qml" line="+43"/>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>Écrivez un message… (Entrée envoie, Maj+Entrée pour une nouvelle ligne)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model first (Models), then write here.</source>
        <translation>Chargez d&apos;abord un modèle (Modèles), puis écrivez ici.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the reply</source>
        <translation>Arrêter la réponse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the message</source>
        <translation>Envoyer le message</translation>
    </message>
</context>
<context>
    <name>ContextChoice</name>
    <message>
        <location filename="../ui/ContextChoice.qml" line="+25"/>
        <source>This chat is now longer than the model can keep in mind.</source>
        <translation>Ce chat est maintenant plus long que ce que le modèle peut garder en mémoire.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To answer, the model would have to forget the %n oldest message(s). Nothing is deleted from your history either way.</source>
        <translation>
            <numerusform>Pour répondre, le modèle devrait oublier le message le plus ancien. Rien n&apos;est supprimé de votre historique dans les deux cas.</numerusform>
            <numerusform>Pour répondre, le modèle devrait oublier les %n messages les plus anciens. Rien n&apos;est supprimé de votre historique dans les deux cas.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget the oldest and answer</source>
        <translation>Oublier les plus anciens et répondre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue in a new chat</source>
        <translation>Continuer dans un nouveau chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../app/qt/conversation_list_model.cpp" line="+43"/>
        <source>New chat</source>
        <translation>Nouveau chat</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <location filename="../ui/ConversationPanel.qml" line="+24"/>
        <source>New chat</source>
        <translation>Nouveau chat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a chat from a JSON file</source>
        <translation>Importer un chat depuis un fichier JSON</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Search all chats</source>
        <translation>Rechercher dans tous les chats</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No chat mentions “%1”.</source>
        <translation>Aucun chat ne mentionne « %1 ».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your chats will be listed here.</source>
        <translation>Vos chats seront listés ici.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pinned: </source>
        <translation>Épinglé : </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>More for %1</source>
        <translation>Plus pour %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>Désépingler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin to top</source>
        <translation>Épingler en haut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as Markdown</source>
        <translation>Exporter en Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON</source>
        <translation>Exporter en JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>Renommer le chat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New name</source>
        <translation>Nouveau nom</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a chat</source>
        <translation>Importer un chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth chat export (*.json)</source>
        <translation>Export de chat Hearth (*.json)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” was deleted.</source>
        <translation>« %1 » a été supprimé.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat was imported.</source>
        <translation>Le chat a été importé.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <location filename="../app/qt/device_list_model.cpp" line="+57"/>
        <source>accelerated</source>
        <translation>accéléré</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>emulated</source>
        <translation>émulé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../ui/ErrorBanner.qml" line="+34"/>
        <source>Open Models</source>
        <translation>Ouvrir Modèles</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open Settings</source>
        <translation>Ouvrir les réglages</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
</context>
<context>
    <name>IndicatorBar</name>
    <message>
        <location filename="../ui/IndicatorBar.qml" line="+19"/>
        <source>Indicators</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none — open Models</source>
        <translation>aucun — ouvrir Modèles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size level: %1</source>
        <translation>Niveau de taille : %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick a model under Models.</source>
        <translation>Choisissez un modèle dans Modèles.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU memory</source>
        <translation>Mémoire GPU</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Speed (now)</source>
        <translation>Vitesse (maintenant)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speed (last reply)</source>
        <translation>Vitesse (dernière réponse)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tokens (pieces of words) the model writes per second, and how long it took to start answering.</source>
        <translation>Combien de jetons (morceaux de mots) le modèle écrit par seconde, et combien de temps il a mis à commencer à répondre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Memory speed used</source>
        <translation>Vitesse mémoire utilisée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy</source>
        <translation>Précision</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>estimate</source>
        <translation>estimation</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../app/qt/indicators.cpp" line="+106"/>
        <source>No model loaded</source>
        <translation>Aucun modèle chargé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on the processor (no GPU driver)</source>
        <translation>Fonctionne sur le processeur (pas de pilote GPU)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model weights: %1</source>
        <translation>Poids du modèle : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversation memory (KV cache): %1</source>
        <translation>Mémoire de la conversation (cache KV) : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working space (scratch): %1</source>
        <translation>Espace de travail (scratch) : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: %1</source>
        <translation>Autres programmes : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other programs: not reported by the driver</source>
        <translation>Autres programmes : non indiqué par le pilote</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Predicted before loading: %1 · measured: %2</source>
        <translation>Prévu avant le chargement : %1 · mesuré : %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading your message…</source>
        <translation>Lecture de votre message…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 tokens/s</source>
        <translation>%1 jetons/s</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+12"/>
        <source>known after the first reply</source>
        <translation>connu après la première réponse</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>first word in %1 ms</source>
        <translation>premier mot en %1 ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not measured on the processor</source>
        <translation>non mesuré sur le processeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>under 1 %</source>
        <translation>moins de 1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing text reads the whole model once per word; this shows how close that runs to your GPU&apos;s memory speed. Known after the first reply.</source>
        <translation>Écrire du texte lit tout le modèle une fois par mot ; ceci montre à quel point cela approche la vitesse mémoire de votre GPU. Connu après la première réponse.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each word reads the whole model from memory: that runs at %1 % of the %2 GB/s your GPU&apos;s memory can move. Near 100 % means the GPU is as fast as it can be; lower means time is lost elsewhere.</source>
        <translation>Chaque mot lit tout le modèle en mémoire : cela tourne à %1 % des %2 Go/s que la mémoire de votre GPU peut déplacer. Près de 100 %, le GPU va aussi vite que possible ; en dessous, du temps se perd ailleurs.</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <location filename="../app/qt/inference_worker.cpp" line="+243"/>
        <source>No model is loaded yet. Pick one under Models.</source>
        <translation>Aucun modèle n&apos;est encore chargé. Choisissez-en un dans Modèles.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This message is too long for the model&apos;s memory. Shorten it, or choose a longer context in Settings.</source>
        <translation>Ce message est trop long pour la mémoire du modèle. Raccourcissez-le, ou choisissez un contexte plus long dans les réglages.</translation>
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
        <translation>Hearth n&apos;a pas pu ouvrir l&apos;historique des chats</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../ui/MessageDelegate.qml" line="+39"/>
        <source>You said</source>
        <translation>Vous avez dit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth answered</source>
        <translation>Hearth a répondu</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Thinking…</source>
        <translation>Réflexion…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Show the model&apos;s thinking</source>
        <translation>Afficher la réflexion du modèle</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading your message…</source>
        <translation>Lecture de votre message…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before the first word.</source>
        <translation>Arrêté avant le premier mot.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model gave no answer.</source>
        <translation>Le modèle n&apos;a rien répondu.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit your message</source>
        <translation>Modifier votre message</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your first version is kept: use ‹ › to go back to it.</source>
        <translation>Votre première version est conservée : utilisez ‹ › pour y revenir.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open Models</source>
        <translation>Ouvrir Modèles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings</source>
        <translation>Ouvrir les réglages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Previous version</source>
        <translation>Version précédente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 of %2</source>
        <translation>Version %1 sur %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next version</source>
        <translation>Version suivante</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+74"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide confidence</source>
        <translation>Masquer la confiance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shade the words the model was unsure of</source>
        <translation>Surligner les mots dont le modèle n&apos;était pas sûr</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide details</source>
        <translation>Masquer les détails</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../app/qt/message_list_model.cpp" line="+120"/>
        <source>size level %1</source>
        <translation>niveau de taille %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n jeton</numerusform>
            <numerusform>%n jetons</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first word after %1 ms</source>
        <translation>premier mot après %1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tokens/s</source>
        <translation>%1 jetons/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cut short</source>
        <translation>interrompu</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>“%1”: the model was %2 % sure of this word</source>
        <translation>« %1 » : le modèle était sûr de ce mot à %2 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other candidates: %1</source>
        <translation>Autres candidats : %1</translation>
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
        <translation>%1 ne peut pas être utilisé : %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The download is paused: Hearth is set to work offline (Settings, Privacy).</source>
        <translation>Le téléchargement est en pause : Hearth fonctionne hors ligne (Réglages, Confidentialité).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hearth is set to work offline (Settings, Privacy). Allow downloads there to get the demo model.</source>
        <translation>Hearth est réglé pour fonctionner hors ligne (Réglages, Confidentialité). Autorisez-y les téléchargements pour obtenir le modèle de démonstration.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The download stopped.</source>
        <translation>Le téléchargement s&apos;est arrêté.</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../ui/ModelsPage.qml" line="+30"/>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI models on this computer. The one in use answers your chats.</source>
        <translation>Les modèles d&apos;IA sur cet ordinateur. Celui utilisé répond à vos chats.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a model file…</source>
        <translation>Ajouter un fichier de modèle…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading %1 onto the GPU…</source>
        <translation>Chargement de %1 sur le GPU…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Models on this computer</source>
        <translation>Modèles sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>in use</source>
        <translation>utilisé</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Size level %1 · %2 on disk · %3</source>
        <translation>Niveau de taille %1 · %2 sur le disque · %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In use</source>
        <translation>Utilisé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use this model</source>
        <translation>Utiliser ce modèle</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No models yet</source>
        <translation>Pas encore de modèle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Get the 1 MB demo model to try Hearth now, or add a GGUF model file you already have. You can also drop a file on this window.</source>
        <translation>Obtenez le modèle de démonstration de 1 Mo pour essayer Hearth tout de suite, ou ajoutez un fichier de modèle GGUF que vous avez déjà. Vous pouvez aussi déposer un fichier sur cette fenêtre.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading…</source>
        <translation>Téléchargement…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Obtenir le modèle de démonstration (1 Mo)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Models folder: %1 — files put there appear here.</source>
        <translation>Dossier des modèles : %1 — les fichiers qui y sont placés apparaissent ici.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Drop the model file to add it</source>
        <translation>Déposez le fichier du modèle pour l&apos;ajouter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a model file</source>
        <translation>Ajouter un fichier de modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
</context>
<context>
    <name>QuantAccuracy</name>
    <message>
        <location filename="../app/qt/quant_accuracy.cpp" line="+43"/>
        <source>unknown size</source>
        <translation>taille inconnue</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1-bit (%2)</source>
        <translation>%1 bits (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Picks the same next word as the full model %1 % of the time</source>
        <translation>Choisit le même mot suivant que le modèle complet %1 % du temps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file: KL divergence %1 from the full-precision model.</source>
        <translation>Mesuré sur ce fichier : divergence KL de %1 par rapport au modèle en pleine précision.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured on this file against the full-precision model.</source>
        <translation>Mesuré sur ce fichier par rapport au modèle en pleine précision.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not known for this size level</source>
        <translation>Inconnue pour ce niveau de taille</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No measurement is stored and no published figure exists for %1.</source>
        <translation>Aucune mesure n&apos;est enregistrée et aucun chiffre publié n&apos;existe pour %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this file</source>
        <translation>ce fichier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full quality: this file is not reduced</source>
        <translation>Qualité d&apos;origine, non réduite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 keeps the weights as they were published.</source>
        <translation>%1 garde les poids tels qu&apos;ils ont été publiés.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About %1 % of the full model&apos;s quality</source>
        <translation>Environ %1 % de la qualité du modèle complet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp&apos;s quantize tool). Not measured on this file.</source>
        <translation>Chiffre publié pour %1 : perplexité +%2 sur Llama-3-8B (outil de quantification de llama.cpp). Non mesuré sur ce fichier.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../ui/SettingsPage.qml" line="+22"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Appearance and language</source>
        <translation>Apparence et langue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Text size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graphics card (GPU)</source>
        <translation>Carte graphique (GPU)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Automatic (the fastest)</source>
        <translation>Automatique (la plus rapide)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Graphics card</source>
        <translation>Carte graphique</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chat memory (context)</source>
        <translation>Mémoire du chat (contexte)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat memory in tokens</source>
        <translation>Mémoire du chat en jetons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens</source>
        <translation>jetons</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of a chat the model keeps in mind. More needs more GPU memory; if a model runs out of memory, lower this. Applies the next time a model is loaded.</source>
        <translation>La part d&apos;un chat que le modèle garde en mémoire. Plus demande plus de mémoire GPU ; si un modèle en manque, baissez cette valeur. S&apos;applique au prochain chargement d&apos;un modèle.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your data</source>
        <translation>Vos données</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chats and models are kept in %1</source>
        <translation>Les chats et les modèles sont conservés dans %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up now…</source>
        <translation>Sauvegarder maintenant…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported chats go to %1</source>
        <translation>Les chats exportés vont dans %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hearth sends no telemetry, ever. Your chats never leave this computer. The network is used only to fetch the list of recommended models, to search for models and to download them.</source>
        <translation>Hearth n&apos;envoie jamais de télémétrie. Vos chats ne quittent jamais cet ordinateur. Le réseau sert uniquement à récupérer la liste des modèles recommandés, à chercher des modèles et à les télécharger.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work offline (no network at all)</source>
        <translation>Travailler hors ligne (aucun réseau)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Where to save the backup</source>
        <translation>Où enregistrer la sauvegarde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a backup to restore</source>
        <translation>Choisir une sauvegarde à restaurer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth backups (*.sqlite3)</source>
        <translation>Sauvegardes Hearth (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where exported chats go</source>
        <translation>Où vont les chats exportés</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../ui/Sidebar.qml" line="+19"/>
        <source>Screens</source>
        <translation>Écrans</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Private AI chat</source>
        <translation>Chat IA privé</translation>
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
        <translation>Modèles</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Model in use</source>
        <translation>Modèle utilisé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading… %1 %</source>
        <translation>Chargement… %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None yet</source>
        <translation>Aucun pour l&apos;instant</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing you type leaves this computer.</source>
        <translation>Rien de ce que vous tapez ne quitte cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../ui/Welcome.qml" line="+23"/>
        <source>Welcome to Hearth</source>
        <translation>Bienvenue dans Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What would you like to talk about?</source>
        <translation>De quoi voulez-vous parler ?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hearth runs an AI model on this computer. Nothing you write is sent anywhere. To begin, it needs a model.</source>
        <translation>Hearth fait tourner un modèle d&apos;IA sur cet ordinateur. Rien de ce que vous écrivez n&apos;est envoyé ailleurs. Pour commencer, il lui faut un modèle.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a model under Models to start chatting.</source>
        <translation>Choisissez un modèle dans Modèles pour commencer à discuter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything stays on this computer. Your chats are saved and can be searched.</source>
        <translation>Tout reste sur cet ordinateur. Vos chats sont enregistrés et peuvent être recherchés.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try it now with the demo model</source>
        <translation>Essayez maintenant avec le modèle de démonstration</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A tiny model (1 MB) that writes short children&apos;s stories. It is not clever, but it shows how everything works in seconds. For real conversations, get a larger model under Models.</source>
        <translation>Un tout petit modèle (1 Mo) qui écrit de courtes histoires pour enfants. Il n&apos;est pas très malin, mais il montre en quelques secondes comment tout fonctionne. Pour de vraies conversations, obtenez un modèle plus grand dans Modèles.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Downloading…</source>
        <translation>Téléchargement…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get the demo model (1 MB)</source>
        <translation>Obtenir le modèle de démonstration (1 Mo)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <source>Go to Models</source>
        <translation>Aller aux modèles</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tell me a short story about a brave little fox.</source>
        <translation>Raconte-moi une courte histoire sur un petit renard courageux.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain how a rainbow forms, simply.</source>
        <translation>Explique simplement comment se forme un arc-en-ciel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a polite email declining an invitation.</source>
        <translation>Écris un e-mail poli pour décliner une invitation.</translation>
    </message>
</context>
</TS>
