"""Words for searching: folding, tokens, stop words and stems per language (no Qt).

The index and the questions go through the same steps, so that what a patient types
meets what the bundle says:

1. fold: lower case, accents removed ("Diurético" -> "diuretico"), as patients type
   on a kiosk keyboard without accents;
2. tokens: runs of letters and digits;
3. stop words dropped ("what", "do", "i"; "qué", "me", "los");
4. stems: the Snowball stemmer of the language (English "cramps", "cramping" ->
   "cramp"; Spanish "calambres" -> "calambr"). snowballstemmer is pure Python and the
   stemmer Sphinx uses; it has both our languages and many more.

A language without a stemmer still works: its words are matched whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from kiosk.content.markup import fold

__all__ = ["STOP_WORDS", "base_language", "content_words", "fold", "stemmer", "tokens"]

_TOKEN = re.compile(r"[a-z0-9]+")

# Snowball names of the languages a bundle may use (ISO 639-1 code -> Snowball name)
_SNOWBALL = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "pt": "portuguese",
    "de": "german",
    "it": "italian",
}

# Words that say nothing about what is asked: the Snowball project's stop-word lists for
# English and Spanish (folded: no accents, as they are compared after folding), plus the
# words of asking itself ("cause", "mean", "tell"; "causa", "significa"). "night",
# "help", "doctor" carry meaning and are not here.
_SNOWBALL_EN = """i me my myself we our ours ourselves you your yours yourself yourselves he
him his himself she her hers herself it its itself they them their theirs themselves
what which who whom this that these those am is are was were be been being have has had
having do does did doing would should could ought im youre hes shes its were theyre ive
youve weve theyve id youd hed shed wed theyd ill youll hell shell well theyll isnt arent
wasnt werent hasnt havent hadnt doesnt dont didnt wont wouldnt shant shouldnt cant cannot
couldnt mustnt lets thats whos whats heres theres whens wheres whys hows a an the and but
if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then
once here there when where why how all any both each few more most other some such no
nor not only own same so than too very"""
_ASKING_EN = """cause causes caused causing mean means meant tell know please get gets
getting got really exactly actually thing things something anything happen happens
happening kind sort way lot lots much many also just can will may might must ok okay
yes hi hello thanks thank now again still always sometimes lately recently ever never
anymore yet even nothing everything"""
_SNOWBALL_ES = """de la que el en y a los del se las por un para con no una su al lo como mas
pero sus le ya o este si porque esta entre cuando muy sin sobre tambien me hasta hay
donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e
esto mi antes algunos que unos yo otro otras otra el tanto esa estos mucho quienes nada
muchos cual poco ella estar estas algunas algo nosotros mis tu te ti tus ellas nosotras
vosotros vosotras os mio mia mios mias tuyo tuya tuyos tuyas suyo suya suyos suyas
nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy
estas esta estamos estais estan este estes estemos esteis esten estare estaras estara
estaremos estareis estaran estaria estarias estariamos estariais estarian estaba
estabas estabamos estabais estaban estuve estuviste estuvo estuvimos estuvisteis
estuvieron estuviera estuvieras estuvieramos estuvierais estuvieran estuviese
estuvieses estuviesemos estuvieseis estuviesen estando estado estada estados estadas
estad he has ha hemos habeis han haya hayas hayamos hayais hayan habre habras habra
habremos habreis habran habria habrias habriamos habriais habrian habia habias habiamos
habiais habian hube hubiste hubo hubimos hubisteis hubieron hubiera hubieras hubieramos
hubierais hubieran hubiese hubieses hubiesemos hubieseis hubiesen habiendo habido
habida habidos habidas soy eres es somos sois son sea seas seamos seais sean sere seras
sera seremos sereis seran seria serias seriamos seriais serian era eras eramos erais
eran fui fuiste fue fuimos fuisteis fueron fuera fueras fueramos fuerais fueran fuese
fueses fuesemos fueseis fuesen siendo sido tengo tienes tiene tenemos teneis tienen
tenga tengas tengamos tengais tengan tendre tendras tendra tendremos tendreis tendran
tendria tendrias tendriamos tendriais tendrian tenia tenias teniamos teniais tenian
tuve tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras tuvieramos tuvierais
tuvieran tuviese tuvieses tuviesemos tuvieseis tuviesen teniendo tenido tenida
tenidos tenidas tened"""
_ASKING_ES = """causa causan causar causo significa quiere decir dar da dan dio dieron doy
pasa pasan paso hace hacen cosa cosas algun alguna alguno usted ustedes debo debe
deberia puede pueden puedo podria sirve ahora bien mal hola gracias favor cierto
verdad exactamente despues luego siempre nunca todavia aun vez veces volver vuelve"""

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset((_SNOWBALL_EN + " " + _ASKING_EN).split()),
    "es": frozenset((_SNOWBALL_ES + " " + _ASKING_ES).split()),
}


def base_language(code: str) -> str:
    """The language of a code with a region or script: "es-MX", "es_419" -> "es"."""
    return code.replace("_", "-").split("-")[0].lower()


def tokens(folded: str) -> list[str]:
    """The words of folded text."""
    return _TOKEN.findall(folded)


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """The stemmer of ``language`` (a word maps to itself when there is none).

    It keeps no memory of the words it has seen: a visitor's question must not outlive
    the visit, so the stemmer's own cache (snowballstemmer before 3, and PyStemmer,
    which it uses when installed, keep 10,000 words) is switched off. The index keeps
    its own table of the bundle's words instead.
    """
    name = _SNOWBALL.get(language)
    if name is None:
        return str
    import snowballstemmer

    algorithm = snowballstemmer.stemmer(name)
    if hasattr(algorithm, "maxCacheSize"):
        algorithm.maxCacheSize = 0
    stem_word = algorithm.stemWord

    def stem(word: str) -> str:
        return str(stem_word(word))

    return stem


def content_words(words: Iterable[str], language: str) -> list[str]:
    """``words`` without the language's stop words (folded words in, folded words out)."""
    stop = STOP_WORDS.get(language, frozenset())
    return [w for w in words if w not in stop]
