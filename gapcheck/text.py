"""Normalising legal text for comparison: case and accents folded, words stemmed per language."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

# ISO 639-2/B (as AKN writes it) -> Snowball stemmer name
STEMMERS = {"eng": "english", "spa": "spanish", "por": "portuguese", "fra": "french",
            "ita": "italian", "deu": "german", "nld": "dutch"}

# Function words that carry no meaning for matching (folded, unaccented).
STOPWORDS = {
    "eng": set("""a an the of to in on at by for from with without within into onto upon or and nor
        any all each every such this that these those which who whom whose where when whether than
        as be is are was were been being shall may must will would should can could not no its it
        his her their them they he she him person party parties article section subsection paragraph
        under other another same so if then there thereof therein herein hereby including include""".split()),
    "spa": set("""a al ante bajo con contra de del desde durante en entre hacia hasta mediante para por
        segun sin sobre tras el la los las lo un una unos unas y e o u ni que quien quienes cual cuales
        cuyo cuya se su sus le les este esta estos estas ese esa esos esas aquel aquella como cuando donde
        si no ya mas muy sera seran podra podran debera deberan es son fue sido ser haber ha han
        articulo articulos inciso presente ley parte partes cada otro otra otros otras mismo misma""".split()),
    "por": set("""a ao aos as o os de do da dos das em no na nos nas por para com sem sob sobre entre ate
        e ou nem que quem qual quais se seu sua seus suas um uma uns umas este esta estes estas esse essa
        como quando onde nao ja mais sera serao pode podem deve devem ser artigo lei parte partes cada""".split()),
    "fra": set("""a au aux le la les l un une des de du d en dans par pour avec sans sous sur entre et ou
        ni que qui quoi dont se sa son ses leur leurs ce cet cette ces comme quand ou si ne pas plus est
        sont sera seront peut peuvent doit doivent etre article loi partie parties chaque""".split()),
}


def fold(s: str) -> str:
    """Lower case without accents: 'Informático' -> 'informatico'."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def fold_many(words: list[str]) -> list[str]:
    """`fold` of many words at once (one normalisation of them all, the accents removed by one
    translation): the same results, far quicker when a whole code's vocabulary is new."""
    if not words:
        return []
    s = unicodedata.normalize("NFKD", "\n".join(words).lower())
    marks = {ord(c): None for c in set(s) if unicodedata.combining(c)}
    out = (s.translate(marks) if marks else s).split("\n")
    return out if len(out) == len(words) else [fold(w) for w in words]


@lru_cache(maxsize=16)
def _stemmer(lang: str):
    return Stemmer.Stemmer(STEMMERS.get(lang, "english"))


# The Spanish future subjunctive of older codes ("el que accediere", "alterare", "destruyere"):
# the Snowball stemmer leaves it whole, so it is mapped to the infinitive first (accediere ->
# acceder, alterare -> alterar, destruyere -> destruir), which stems as the forms statutes use
# elsewhere ("acceda", "altere", "destruya").
_SUBJUNCTIVE_ES = re.compile(r"^(?P<root>[a-zñ]{3,}?)(?:(?P<ar>aren?)|(?P<ir>yeren?)|(?P<er>ieren?))$")


def _infinitive_es(w: str) -> str:
    m = _SUBJUNCTIVE_ES.match(w) if len(w) >= 7 else None
    if not m:
        return w
    return m.group("root") + ("ar" if m.group("ar") else "ir" if m.group("ir") else "er")


# Words the Snowball stemmer folds into an unrelated common word: they keep a stem of their own,
# else a term would match the other word ("ordenador", a computer, would match every "ordenará";
# "comunicaciones" every "común"; "willfully" every "will"). Folded forms.
_OWN_STEM = {
    "spa": {
        "ordenador": "ordenador", "ordenadores": "ordenador",
        "comunicacion": "comunicacion", "comunicaciones": "comunicacion",
        "actividad": "actividad", "actividades": "actividad",
        "administracion": "administracion", "administraciones": "administracion",
        "administrativo": "administrativ", "administrativa": "administrativ",
        "administrativos": "administrativ", "administrativas": "administrativ",
        "controlador": "controlador", "controladores": "controlador",
        "directivo": "directiv", "directiva": "directiv", "directivos": "directiv", "directivas": "directiv",
        "ejecutivo": "ejecutiv", "ejecutiva": "ejecutiv", "ejecutivos": "ejecutiv", "ejecutivas": "ejecutiv",
        "funcionamiento": "funcionamient",
        "importancia": "importanci", "importante": "importanci", "importantes": "importanci",
        "operador": "operador", "operadores": "operador",
        "tratado": "tratado", "tratados": "tratado",
        "presentacion": "presentacion", "presentaciones": "presentacion",
        "periodista": "periodist", "periodistas": "periodist",
        "disponible": "disponibl", "disponibles": "disponibl",
    },
    "eng": {
        "willfully": "wilful", "wilfully": "wilful", "willful": "wilful", "wilful": "wilful",
        "designate": "designat", "designated": "designat", "designates": "designat",
        "designating": "designat", "designation": "designat", "designations": "designat",
        "counsels": "counsels", "counselled": "counsels", "counseled": "counsels",
        "customs": "customs",
        "production": "production",
        "provider": "provider", "providers": "provider",
        "directly": "directly",
        "operator": "operator", "operators": "operator",
        "office": "office", "offices": "office",
        "response": "response", "responses": "response",
        "security": "security", "securities": "security",
    },
}


def stem_words(folded: list[str], lang: str, words: list[str] | None = None) -> list[str]:
    """Stems of folded words in `lang`. `words`: the same words as written; the Portuguese and
    French stemmers read their accents («comunicação» and «comunicações» are one stem, «comunic»;
    folded first they are «comunicaca» and «comunicaco»), so those are stemmed, then folded."""
    if lang == "spa":
        folded = [_infinitive_es(w) for w in folded]
    if lang in ("por", "fra") and words is not None:
        stems = fold_many(_stemmer(lang).stemWords([w.lower() for w in words]))
    else:
        stems = _stemmer(lang).stemWords(folded)
    own = _OWN_STEM.get(lang)
    if own:
        stems = [own.get(w, st) for w, st in zip(folded, stems)]
    return stems

