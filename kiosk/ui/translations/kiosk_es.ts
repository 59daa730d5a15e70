<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AboutDialogs</name>
    <message>
        <location filename="../about.py" line="40"/>
        <source>Source {number}</source>
        <translation>Fuente {number}</translation>
    </message>
    <message>
        <location filename="../about.py" line="55"/>
        <source>Last updated: {date}</source>
        <translation>Última actualización: {date}</translation>
    </message>
    <message>
        <location filename="../about.py" line="56"/>
        <source>Pending human review</source>
        <translation>Pendiente de revisión humana</translation>
    </message>
    <message>
        <location filename="../about.py" line="63"/>
        <source>Please note</source>
        <translation>Tenga en cuenta</translation>
    </message>
    <message>
        <location filename="../about.py" line="65"/>
        <source>Editorial policy</source>
        <translation>Política editorial</translation>
    </message>
    <message>
        <location filename="../about.py" line="70"/>
        <source>About this information</source>
        <translation>Sobre esta información</translation>
    </message>
</context>
<context>
    <name>AskScreen</name>
    <message>
        <location filename="../ask_screen.py" line="245"/>
        <source>I don&apos;t have an answer to that.</source>
        <translation>No tengo una respuesta para eso.</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="247"/>
        <source>Please ask a member of staff. They will be glad to help.</source>
        <translation>Por favor, pregunte a alguien del personal. Le ayudarán con gusto.</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="238"/>
        <location filename="../ask_screen.py" line="251"/>
        <source>Answers from this information</source>
        <translation>Respuestas de esta información</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="254"/>
        <source>These are passages from the information, not advice for you. Please ask a member of staff about your own health.</source>
        <translation>Estas son partes de la información, no consejos para usted. Por favor, pregunte a alguien del personal sobre su propia salud.</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="273"/>
        <source>The short answer</source>
        <translation>La respuesta corta</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="280"/>
        <source>From another topic: {title}</source>
        <translation>De otro tema: {title}</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="285"/>
        <source>A common question</source>
        <translation>Una pregunta frecuente</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="209"/>
        <location filename="../ask_screen.py" line="222"/>
        <location filename="../ask_screen.py" line="286"/>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="294"/>
        <source>Read it in that topic</source>
        <translation>Leerlo en ese tema</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="300"/>
        <source>Read the short answer</source>
        <translation>Leer la respuesta corta</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="305"/>
        <source>Read the section: {title}</source>
        <translation>Leer la sección: {title}</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="317"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="318"/>
        <source>Have a follow-up question?</source>
        <translation>¿Tiene otra pregunta?</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="319"/>
        <source>Type your question. The answers come only from this information, with its sources.</source>
        <translation>Escriba su pregunta. Las respuestas salen solo de esta información, con sus fuentes.</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="321"/>
        <source>For example: can water pills cause cramps?</source>
        <translation>Por ejemplo: ¿las pastillas para orinar dan calambres?</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="322"/>
        <source>Your question</source>
        <translation>Su pregunta</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="323"/>
        <source>Ask</source>
        <translation>Preguntar</translation>
    </message>
    <message>
        <location filename="../ask_screen.py" line="324"/>
        <source>Show the keyboard</source>
        <translation>Mostrar el teclado</translation>
    </message>
</context>
<context>
    <name>AudienceScreen</name>
    <message>
        <location filename="../screens.py" line="349"/>
        <source>Which best describes you?</source>
        <translation>¿Qué opción le describe mejor?</translation>
    </message>
    <message>
        <location filename="../screens.py" line="352"/>
        <source>Your choice helps us use words that are easiest for you. You can change it at any time.</source>
        <translation>Su respuesta nos ayuda a usar las palabras más fáciles para usted. Puede cambiarla en cualquier momento.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../banner.py" line="51"/>
        <source>Pending human review</source>
        <translation>Pendiente de revisión humana</translation>
    </message>
    <message>
        <location filename="../banner.py" line="52"/>
        <source>Last updated: {date}</source>
        <translation>Última actualización: {date}</translation>
    </message>
    <message>
        <location filename="../banner.py" line="57"/>
        <source>About this information</source>
        <translation>Sobre esta información</translation>
    </message>
</context>
<context>
    <name>ContentErrors</name>
    <message>
        <location filename="../dialogs.py" line="319"/>
        <source>Content problems</source>
        <translation>Problemas del contenido</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="325"/>
        <source>Some content could not be loaded. Fix these problems and reload (kiosk validate shows the same list):</source>
        <translation>No se pudo cargar parte del contenido. Corrija estos problemas y vuelva a cargarlo (kiosk validate muestra la misma lista):</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="339"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>CountdownDialog</name>
    <message>
        <location filename="../dialogs.py" line="124"/>
        <location filename="../dialogs.py" line="130"/>
        <source>Are you still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="136"/>
        <source>To keep your choices private, this screen will start over for the next person.</source>
        <translation>Para proteger su privacidad, esta pantalla volverá a empezar para la siguiente persona.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="142"/>
        <source>I&apos;m still here</source>
        <translation>Sigo aquí</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="157"/>
        <source>Starting over in {seconds} s</source>
        <translation>Volverá a empezar en {seconds} s</translation>
    </message>
</context>
<context>
    <name>FleetUpdates</name>
    <message>
        <location filename="../updates.py" line="106"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../updates.py" line="109"/>
        <source>Content updates from {url}: last check {check}, last success {success}.</source>
        <translation>Actualizaciones del contenido desde {url}: última comprobación {check}, última con éxito {success}.</translation>
    </message>
    <message>
        <location filename="../updates.py" line="117"/>
        <source>The last update was refused: {error} The content shown is the last good one.</source>
        <translation>La última actualización fue rechazada: {error} El contenido que se muestra es el último correcto.</translation>
    </message>
    <message>
        <location filename="../updates.py" line="123"/>
        <source>{id} version {version}: approved by {signer} (signed).</source>
        <translation>{id} versión {version}: aprobado por {signer} (firmado).</translation>
    </message>
    <message>
        <location filename="../updates.py" line="129"/>
        <source>{id} version {version}: no reviewer&apos;s signature.</source>
        <translation>{id} versión {version}: sin la firma de un revisor.</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <location filename="../handout.py" line="211"/>
        <source>The short answer</source>
        <translation>La respuesta corta</translation>
    </message>
    <message>
        <location filename="../handout.py" line="246"/>
        <source>Your self-check</source>
        <translation>Su autoevaluación</translation>
    </message>
    <message>
        <location filename="../handout.py" line="288"/>
        <source>Source:</source>
        <translation>Fuente:</translation>
    </message>
    <message>
        <location filename="../handout.py" line="357"/>
        <source>Sources:</source>
        <translation>Fuentes:</translation>
    </message>
    <message>
        <location filename="../handout.py" line="394"/>
        <source>What helps</source>
        <translation>Lo que ayuda</translation>
    </message>
    <message>
        <location filename="../handout.py" line="431"/>
        <source>References</source>
        <translation>Referencias</translation>
    </message>
    <message>
        <location filename="../handout.py" line="435"/>
        <source>Last updated: {date}</source>
        <translation>Última actualización: {date}</translation>
    </message>
    <message>
        <location filename="../handout.py" line="442"/>
        <source>Pending human review</source>
        <translation>Pendiente de revisión humana</translation>
    </message>
    <message>
        <location filename="../handout.py" line="447"/>
        <source>Please note:</source>
        <translation>Tenga en cuenta:</translation>
    </message>
    <message>
        <location filename="../handout.py" line="449"/>
        <source>About this information</source>
        <translation>Sobre esta información</translation>
    </message>
    <message>
        <location filename="../handout.py" line="119"/>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
    <message>
        <location filename="../handout.py" line="815"/>
        <source>Print a handout</source>
        <translation>Imprimir hoja informativa</translation>
    </message>
</context>
<context>
    <name>HandoutActions</name>
    <message>
        <location filename="../handout_actions.py" line="48"/>
        <source>This kiosk prints one handout per visit, and yours has been printed. Please ask a member of staff if you need another copy.</source>
        <translation>Este quiosco imprime una hoja por visita, y la suya ya se imprimió. Si necesita otra copia, pida ayuda al personal.</translation>
    </message>
    <message>
        <location filename="../handout_actions.py" line="63"/>
        <source>The handout could not be printed. Please ask a member of staff.</source>
        <translation>No se pudo imprimir la hoja informativa. Por favor, pida ayuda a alguien del personal.</translation>
    </message>
    <message>
        <location filename="../handout_actions.py" line="74"/>
        <source>Save the handout</source>
        <translation>Guardar la hoja informativa</translation>
    </message>
    <message>
        <location filename="../handout_actions.py" line="81"/>
        <source>The handout could not be saved: {reason}</source>
        <translation>No se pudo guardar la hoja informativa: {reason}</translation>
    </message>
    <message>
        <location filename="../handout_actions.py" line="92"/>
        <source>Handout</source>
        <translation>Hoja informativa</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../header.py" line="170"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../header.py" line="171"/>
        <source>Go on</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <location filename="../header.py" line="172"/>
        <source>Read aloud</source>
        <translation>Leer en voz alta</translation>
    </message>
    <message>
        <location filename="../header.py" line="175"/>
        <source>Reads this screen aloud. Touch again to pause.</source>
        <translation>Lee esta pantalla en voz alta. Toque otra vez para pausar.</translation>
    </message>
    <message>
        <location filename="../header.py" line="177"/>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../header.py" line="178"/>
        <source>Stop reading aloud</source>
        <translation>Dejar de leer en voz alta</translation>
    </message>
    <message>
        <location filename="../header.py" line="180"/>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <location filename="../header.py" line="181"/>
        <source>Light text on black, for low vision</source>
        <translation>Texto claro sobre fondo negro, para personas que ven poco</translation>
    </message>
    <message>
        <location filename="../header.py" line="182"/>
        <source>Start over</source>
        <translation>Volver a empezar</translation>
    </message>
    <message>
        <location filename="../header.py" line="184"/>
        <source>Other topics</source>
        <translation>Otros temas</translation>
    </message>
    <message>
        <location filename="../header.py" line="185"/>
        <source>Choose another topic</source>
        <translation>Elegir otro tema</translation>
    </message>
    <message>
        <location filename="../header.py" line="187"/>
        <source>Forget every choice and go back to the first screen</source>
        <translation>Borrar todo lo que eligió y volver a la primera pantalla</translation>
    </message>
    <message>
        <location filename="../header.py" line="190"/>
        <source>Smaller</source>
        <translation>Reducir</translation>
    </message>
    <message>
        <location filename="../header.py" line="191"/>
        <source>Larger</source>
        <translation>Ampliar</translation>
    </message>
    <message>
        <location filename="../header.py" line="192"/>
        <source>Smaller text</source>
        <translation>Texto más pequeño</translation>
    </message>
    <message>
        <location filename="../header.py" line="193"/>
        <source>Larger text</source>
        <translation>Texto más grande</translation>
    </message>
</context>
<context>
    <name>LaptopMenus</name>
    <message>
        <location filename="../menus.py" line="57"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../menus.py" line="58"/>
        <source>Start over</source>
        <translation>Volver a empezar</translation>
    </message>
    <message>
        <location filename="../menus.py" line="60"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../menus.py" line="61"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../menus.py" line="64"/>
        <source>Larger text</source>
        <translation>Texto más grande</translation>
    </message>
    <message>
        <location filename="../menus.py" line="71"/>
        <source>Smaller text</source>
        <translation>Texto más pequeño</translation>
    </message>
    <message>
        <location filename="../menus.py" line="75"/>
        <source>Switch reading level</source>
        <translation>Cambiar el nivel de lectura</translation>
    </message>
    <message>
        <location filename="../menus.py" line="76"/>
        <source>Full screen</source>
        <translation>Pantalla completa</translation>
    </message>
    <message>
        <location filename="../menus.py" line="77"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../menus.py" line="78"/>
        <source>Read aloud</source>
        <translation>Leer en voz alta</translation>
    </message>
    <message>
        <location filename="../menus.py" line="80"/>
        <source>Ask a question</source>
        <translation>Hacer una pregunta</translation>
    </message>
    <message>
        <location filename="../menus.py" line="82"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../menus.py" line="83"/>
        <source>About this information</source>
        <translation>Sobre esta información</translation>
    </message>
    <message>
        <location filename="../menus.py" line="84"/>
        <source>Content status</source>
        <translation>Estado del contenido</translation>
    </message>
</context>
<context>
    <name>Levels</name>
    <message>
        <location filename="../../content/registry.py" line="91"/>
        <source>Patient words</source>
        <translation>Palabras para pacientes</translation>
    </message>
    <message>
        <location filename="../../content/registry.py" line="92"/>
        <source>Show the text written for patients and families</source>
        <translation>Mostrar el texto escrito para pacientes y familias</translation>
    </message>
    <message>
        <location filename="../../content/registry.py" line="93"/>
        <source>I am a patient, or family or a friend</source>
        <translation>Soy paciente, familiar o amigo</translation>
    </message>
    <message>
        <location filename="../../content/registry.py" line="98"/>
        <source>Clinician words</source>
        <translation>Palabras para profesionales</translation>
    </message>
    <message>
        <location filename="../../content/registry.py" line="99"/>
        <source>Show the text written for clinicians</source>
        <translation>Mostrar el texto escrito para profesionales de la salud</translation>
    </message>
    <message>
        <location filename="../../content/registry.py" line="100"/>
        <source>I am a clinician (doctor, nurse, pharmacist)</source>
        <translation>Soy profesional de la salud (médico, enfermera, farmacéutico)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="74"/>
        <location filename="../window.py" line="347"/>
        <source>Health information kiosk</source>
        <translation>Quiosco de información de salud</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../keyboard.py" line="218"/>
        <source>Opening question mark</source>
        <translation>Signo de apertura de interrogación</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="219"/>
        <source>Question mark</source>
        <translation>Signo de cierre de interrogación</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="220"/>
        <source>Exclamation mark</source>
        <translation>Signo de exclamación</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="221"/>
        <source>Apostrophe</source>
        <translation>Apóstrofo</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="222"/>
        <source>Full stop</source>
        <translation>Punto</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="223"/>
        <source>Comma</source>
        <translation>Coma</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="224"/>
        <source>Dash</source>
        <translation>Guion</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="225"/>
        <source>Slash</source>
        <translation>Barra</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="226"/>
        <source>Colon</source>
        <translation>Dos puntos</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="235"/>
        <source>Hide keyboard</source>
        <translation>Ocultar teclado</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="237"/>
        <source>Clear</source>
        <translation>Borrar todo</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="238"/>
        <source>Clear the question</source>
        <translation>Borrar la pregunta</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="240"/>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="242"/>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="243"/>
        <source>Ask</source>
        <translation>Preguntar</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="245"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="246"/>
        <source>Letters</source>
        <translation>Letras</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="246"/>
        <source>Numbers</source>
        <translation>Números</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="254"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="255"/>
        <source>Delete last letter</source>
        <translation>Borrar la última letra</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="258"/>
        <source>On-screen keyboard</source>
        <translation>Teclado en pantalla</translation>
    </message>
</context>
<context>
    <name>PassageView</name>
    <message>
        <location filename="../widgets.py" line="524"/>
        <source>Opens reference {number}</source>
        <translation>Abre la referencia {number}</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../dialogs.py" line="190"/>
        <source>Staff only</source>
        <translation>Solo personal</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="197"/>
        <source>Staff only: enter the PIN</source>
        <translation>Solo personal: escriba el PIN</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="199"/>
        <source>PIN entered</source>
        <translation>PIN escrito</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="206"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="206"/>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="216"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="251"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Demasiados PIN incorrectos. Inténtelo de nuevo en {seconds} s.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="256"/>
        <source>Wrong PIN.</source>
        <translation>PIN incorrecto.</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <location filename="../selfcheck_screens.py" line="172"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="174"/>
        <source>Go back to the question</source>
        <translation>Volver a la pregunta</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="175"/>
        <source>Skip anyway</source>
        <translation>Saltarla de todos modos</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="177"/>
        <source>This question is about a warning sign. Skipping it means the check cannot tell you if you need help now. Skip anyway?</source>
        <translation>Esta pregunta es sobre una señal de alarma. Si la salta, la revisión no le puede decir si necesita ayuda ahora. ¿Quiere saltarla de todos modos?</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="187"/>
        <source>Start the questions</source>
        <translation>Empezar las preguntas</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="196"/>
        <source>Question {number} of {total}</source>
        <translation>Pregunta {number} de {total}</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="224"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="173"/>
        <source>Skip this question</source>
        <translation>Saltar esta pregunta</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="231"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="232"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="233"/>
        <source>Not sure</source>
        <translation>No sé</translation>
    </message>
</context>
<context>
    <name>ReadingDialog</name>
    <message>
        <location filename="../dialogs.py" line="108"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../selfcheck/report.py" line="52"/>
        <source>Your results</source>
        <translation>Sus resultados</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="53"/>
        <source>This is not a diagnosis.</source>
        <translation>Esto no es un diagnóstico.</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="54"/>
        <source>It shows what may play a part, based on your answers. Talk with a doctor or nurse about your own health.</source>
        <translation>Muestra lo que puede influir, según sus respuestas. Hable con un médico o una enfermera sobre su propia salud.</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="59"/>
        <source>Because you said:</source>
        <translation>Porque usted respondió:</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="60"/>
        <source>What may play a part</source>
        <translation>Lo que puede influir</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="61"/>
        <source>What may help:</source>
        <translation>Lo que puede ayudar:</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="62"/>
        <source>Your answers do not point to any of the causes this check asks about. If you are worried about your health, talk with a doctor or nurse.</source>
        <translation>Sus respuestas no apuntan a ninguna de las causas por las que preguntamos aquí. Si le preocupa su salud, hable con un médico o una enfermera.</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="68"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="69"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../selfcheck/report.py" line="70"/>
        <source>Not sure</source>
        <translation>No sé</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../selfcheck_screens.py" line="403"/>
        <source>Print a handout</source>
        <translation>Imprimir hoja informativa</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="404"/>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="405"/>
        <source>Change my answers</source>
        <translation>Cambiar mis respuestas</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="406"/>
        <source>Have a follow-up question?</source>
        <translation>¿Tiene otra pregunta?</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="407"/>
        <source>Back to the topic</source>
        <translation>Volver al tema</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="416"/>
        <location filename="../selfcheck_screens.py" line="440"/>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location filename="../selfcheck_screens.py" line="446"/>
        <source>Read: {title}</source>
        <translation>Leer: {title}</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <location filename="../../safety/__init__.py" line="60"/>
        <source>Tell a member of staff now.</source>
        <translation>Avise ahora a alguien del personal.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="65"/>
        <source>Call your local emergency number now.</source>
        <translation>Llame ahora al número de emergencias de su zona.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="72"/>
        <source>Emergency</source>
        <translation>Emergencia</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="66"/>
        <source>You answered &quot;Not sure&quot;. If you are not sure, ask a member of staff now.</source>
        <translation>Usted respondió «No sé». Si tiene dudas, pregunte ahora a alguien del personal.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="62"/>
        <source>Talk to your doctor before you change a medicine</source>
        <translation>Hable con su médico antes de cambiar un medicamento</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="73"/>
        <source>Get help now</source>
        <translation>Pida ayuda ahora</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="84"/>
        <location filename="../../safety/__init__.py" line="88"/>
        <source>You answered &quot;Not sure&quot;. If you are not sure, call your local emergency number.</source>
        <translation>Usted respondió «No sé». Si tiene dudas, llame al número de emergencias de su zona.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="95"/>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="96"/>
        <source>See a doctor right away</source>
        <translation>Vaya al médico de inmediato</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="102"/>
        <source>Call your doctor&apos;s office now. If it is closed, or you feel very unwell, call your local emergency number.</source>
        <translation>Llame ahora al consultorio de su médico. Si está cerrado, o si se siente muy mal, llame al número de emergencias de su zona.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="107"/>
        <source>Contact your doctor&apos;s office now. If it is closed, or you feel very unwell, call your local emergency number.</source>
        <translation>Póngase en contacto con el consultorio de su médico ahora. Si está cerrado, o si se siente muy mal, llame al número de emergencias de su zona.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="115"/>
        <source>You answered &quot;Not sure&quot;. If you are not sure, call your doctor&apos;s office now.</source>
        <translation>Usted respondió «No sé». Si tiene dudas, llame ahora al consultorio de su médico.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="119"/>
        <source>You answered &quot;Not sure&quot;. If you are not sure, contact your doctor&apos;s office now.</source>
        <translation>Usted respondió «No sé». Si tiene dudas, póngase en contacto ahora con el consultorio de su médico.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="143"/>
        <source>You answered &quot;Not sure&quot;. If you are not sure, ask the staff here.</source>
        <translation>Usted respondió «No sé». Si tiene dudas, pregunte al personal de aquí.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="146"/>
        <location filename="../../safety/__init__.py" line="149"/>
        <source>You answered &quot;Not sure&quot;. If you are not sure, ask your doctor or nurse.</source>
        <translation>Usted respondió «No sé». Si tiene dudas, pregunte a su médico o su enfermera.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="169"/>
        <source>You answered &quot;Not sure&quot;. If you are not sure, ask a doctor or nurse.</source>
        <translation>Usted respondió «No sé». Si tiene dudas, pregunte a un médico o una enfermera.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="126"/>
        <source>Soon</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="127"/>
        <source>See a doctor or nurse soon</source>
        <translation>Vaya pronto a ver a un médico o una enfermera</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="132"/>
        <source>Ask the staff here, or make an appointment with your doctor.</source>
        <translation>Pregunte al personal de aquí, o pida una cita con su médico.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="135"/>
        <location filename="../../safety/__init__.py" line="138"/>
        <source>Make an appointment with your doctor or nurse.</source>
        <translation>Pida una cita con su médico o su enfermera.</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="155"/>
        <source>Self-care</source>
        <translation>Cuidados en casa</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="156"/>
        <source>What you can do yourself</source>
        <translation>Lo que puede hacer usted mismo</translation>
    </message>
    <message>
        <location filename="../../safety/__init__.py" line="162"/>
        <source>If it does not get better, or you are worried, talk with a doctor or nurse.</source>
        <translation>Si no mejora, o si le preocupa, hable con un médico o una enfermera.</translation>
    </message>
</context>
<context>
    <name>ScrollPage</name>
    <message>
        <location filename="../widgets.py" line="457"/>
        <source>Scroll the page</source>
        <translation>Desplazar la página</translation>
    </message>
</context>
<context>
    <name>SectionScreen</name>
    <message>
        <location filename="../screens.py" line="554"/>
        <location filename="../screens.py" line="601"/>
        <location filename="../screens.py" line="633"/>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location filename="../screens.py" line="594"/>
        <source>Back to the topic</source>
        <translation>Volver al tema</translation>
    </message>
    <message>
        <location filename="../screens.py" line="595"/>
        <source>About this information</source>
        <translation>Sobre esta información</translation>
    </message>
    <message>
        <location filename="../screens.py" line="607"/>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <location filename="../screens.py" line="608"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../staff.py" line="80"/>
        <source>Wrong PINs typed before this staff sign-in: {count}.</source>
        <translation>PIN incorrectos escritos antes de este acceso del personal: {count}.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="85"/>
        <source>No content is loaded: patients see &quot;being updated&quot;.</source>
        <translation>No hay contenido cargado: los pacientes ven &quot;se está actualizando&quot;.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="89"/>
        <source>Showing: {id} version {version}, review status {status}, updated {date}.</source>
        <translation>Se muestra: {id} versión {version}, estado de revisión {status}, actualizado el {date}.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="98"/>
        <source>A newer edit failed to load: this is the last good content.</source>
        <translation>No se pudo cargar una edición más reciente: este es el último contenido válido.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="107"/>
        <source>The library: {shown} of {count} bundle(s) shown to visitors; each is listed below, in the order shown.</source>
        <translation>La biblioteca: se muestran {shown} de {count} paquete(s) a los visitantes; abajo aparece cada uno, en el orden en que se muestran.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="112"/>
        <source>{count} content problem(s).</source>
        <translation>{count} problema(s) de contenido.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="116"/>
        <source>The app&apos;s own words are missing in &apos;{language}&apos; (its translation file did not load); visitors see English buttons. Run &apos;make install&apos; again.</source>
        <translation>Faltan las palabras propias de la aplicación en &apos;{language}&apos; (no se cargó su archivo de traducción); los visitantes ven los botones en inglés. Vuelva a ejecutar &apos;make install&apos;.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="126"/>
        <source>Read aloud: on (speech engine &apos;{engine}&apos;).</source>
        <translation>Lectura en voz alta: activada (motor de voz &apos;{engine}&apos;).</translation>
    </message>
    <message>
        <location filename="../staff.py" line="132"/>
        <source>Read aloud is off, and its button hidden: {reason}</source>
        <translation>La lectura en voz alta está desactivada y su botón, oculto: {reason}</translation>
    </message>
    <message>
        <location filename="../staff.py" line="147"/>
        <source>Reloading failed ({error}): still showing the content loaded before.</source>
        <translation>La recarga falló ({error}): se sigue mostrando el contenido cargado antes.</translation>
    </message>
    <message>
        <location filename="../staff.py" line="151"/>
        <source>Reloaded: {count} content problem(s).</source>
        <translation>Recargado: {count} problema(s) de contenido.</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../dialogs.py" line="274"/>
        <location filename="../dialogs.py" line="278"/>
        <source>Staff panel</source>
        <translation>Panel del personal</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="283"/>
        <source>Content problems</source>
        <translation>Problemas del contenido</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="289"/>
        <source>Reload content</source>
        <translation>Volver a cargar el contenido</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="295"/>
        <source>Exit the kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="299"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="308"/>
        <source>No content problems.</source>
        <translation>No hay problemas de contenido.</translation>
    </message>
</context>
<context>
    <name>TopicChooser</name>
    <message>
        <location filename="../chooser.py" line="156"/>
        <source>Choose a topic</source>
        <translation>Elija un tema</translation>
    </message>
    <message>
        <location filename="../chooser.py" line="157"/>
        <source>Touch a topic to read about it.</source>
        <translation>Toque un tema para leer sobre él.</translation>
    </message>
    <message>
        <location filename="../chooser.py" line="158"/>
        <location filename="../chooser.py" line="159"/>
        <source>Search the topics</source>
        <translation>Buscar en los temas</translation>
    </message>
    <message>
        <location filename="../chooser.py" line="160"/>
        <source>No topic matches your search.</source>
        <translation>Ningún tema coincide con su búsqueda.</translation>
    </message>
    <message>
        <location filename="../chooser.py" line="161"/>
        <source>Show all topics</source>
        <translation>Ver todos los temas</translation>
    </message>
</context>
<context>
    <name>TopicScreen</name>
    <message>
        <location filename="../screens.py" line="398"/>
        <location filename="../screens.py" line="448"/>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <location filename="../screens.py" line="447"/>
        <source>The short answer</source>
        <translation>La respuesta corta</translation>
    </message>
    <message>
        <location filename="../screens.py" line="452"/>
        <source>Learn more</source>
        <translation>Más información</translation>
    </message>
    <message>
        <location filename="../screens.py" line="453"/>
        <source>Have a follow-up question?</source>
        <translation>¿Tiene otra pregunta?</translation>
    </message>
    <message>
        <location filename="../screens.py" line="455"/>
        <source>Type a question; the answers come from this information</source>
        <translation>Escriba una pregunta; las respuestas salen de esta información</translation>
    </message>
    <message>
        <location filename="../screens.py" line="457"/>
        <source>Check my risk factors</source>
        <translation>Revisar mis factores de riesgo</translation>
    </message>
    <message>
        <location filename="../screens.py" line="460"/>
        <source>Applies to you</source>
        <translation>Tiene que ver con usted</translation>
    </message>
    <message>
        <location filename="../screens.py" line="472"/>
        <source>About this information</source>
        <translation>Sobre esta información</translation>
    </message>
</context>
<context>
    <name>UpdatingScreen</name>
    <message>
        <location filename="../screens.py" line="672"/>
        <source>This kiosk is being updated</source>
        <translation>Este quiosco se está actualizando</translation>
    </message>
    <message>
        <location filename="../screens.py" line="673"/>
        <source>Please ask a member of staff for help.</source>
        <translation>Por favor, pida ayuda a alguien del personal.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../screens.py" line="294"/>
        <source>Health information</source>
        <translation>Información de salud</translation>
    </message>
    <message>
        <location filename="../screens.py" line="296"/>
        <source>{count} topics in plain words</source>
        <translation>{count} temas en palabras sencillas</translation>
    </message>
    <message>
        <location filename="../screens.py" line="300"/>
        <source>Health information in plain words</source>
        <translation>Información de salud con palabras sencillas</translation>
    </message>
    <message>
        <location filename="../screens.py" line="301"/>
        <source>Touch to start</source>
        <translation>Toque para empezar</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../wording.py" line="63"/>
        <source>Reviewed and approved by {reviewer} on {date}.</source>
        <translation>Revisado y aprobado por {reviewer} el {date}.</translation>
    </message>
    <message>
        <location filename="../wording.py" line="68"/>
        <source>submitted</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../wording.py" line="69"/>
        <source>under review</source>
        <translation>en revisión</translation>
    </message>
    <message>
        <location filename="../wording.py" line="71"/>
        <source>A clinician has not yet checked this information (status: {status}).</source>
        <translation>Un profesional de la salud todavía no ha revisado esta información (estado: {status}).</translation>
    </message>
</context>
</TS>
