"""Messages in French and English, read from one catalogue per language.

The messages live in ``src/trousse/locales/fr.json`` and ``en.json``: one JSON object per
language, ``{key: text}``, keys sorted. :func:`t` formats a message with ``str.format`` named
placeholders (``{path}``). A count that changes the words is written with the plural syntax of ICU
MessageFormat, reduced to what trousse needs::

    "{count, plural, one {# période vide} other {# périodes vides}}"

where ``#`` stands for the number and the forms are ``=N`` (an exact number), ``one`` and ``other``
(French: 0 and 1 take ``one``; English: only 1 does). A message may hold several such blocks.

The language is decided once, by the command line's entry point (``--lang``, else the kit's
``language:``, else the locale), with :func:`set_language`; code that produces output for a given
language passes ``_lang`` to :func:`t`. A catalogue is read on first use (JSON, about a millisecond).

:func:`register` is the old way (messages as Python tuples in each module); it still works, so that
branches written before the catalogues import, until ``tools/i18n-migrate.py`` moves their messages
into the catalogues.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

LANGUAGES = ("fr", "en")
LOCALES = Path(__file__).parent / "locales"

_current = "en"
_catalogues: dict[str, dict[str, str]] = {}
# Deprecated: messages given to register() and not yet moved into the catalogues.
_registered: dict[str, tuple[str, str]] = {}

_PLURAL = re.compile(r"\{(\w+),\s*plural,\s*")

# French typography, applied to trousse's own French words (each catalogue message when first used): a
# narrow no-break space before ": ; ? !" where a space was written ("fichier :" but not "https://",
# "10:30" or "nonconformity: {id}"), inside « guillemets », and the typographic apostrophe between
# two letters (l'audit -> l’audit; a shell's 'trousse[pdf]' keeps its quotes).
NNBSP = "\u202f"
_BEFORE_PUNCT = re.compile(r"[ \u00a0\u202f]+([:;?!])(?=\s|$|[»)\]<*_|])")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")
_APOSTROPHE = re.compile(r"(?<=[A-Za-zÀ-ÿ])'(?=[A-Za-zÀ-ÿ])")


def french_spacing(text: str) -> str:
    """``text`` with narrow no-break spaces before ``: ; ? !`` (where a space was written) and
    inside « guillemets »."""
    if not text:
        return text
    text = _BEFORE_PUNCT.sub(NNBSP + r"\1", text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    return _CLOSE_QUOTE.sub(NNBSP + "»", text)


def french_apostrophes(text: str) -> str:
    """Straight apostrophes between letters turned typographic (l'audit -> l’audit)."""
    return _APOSTROPHE.sub("’", text)


def french_typography(text: str) -> str:
    """Both of the above: how trousse writes its own French."""
    return french_apostrophes(french_spacing(text))


_ASCII_SPACES = re.compile(r"[ \t\n\r]+")


def words(text: str) -> list[str]:
    """``text`` split at ASCII white space only: a no-break space of French typography binds its
    words (``str.split()`` would split there too and lose it)."""
    return [w for w in _ASCII_SPACES.split(text.strip()) if w]


_FIELD = re.compile(r"\{(\w+)(?:[:!][^{}]*)?\}")


def register(messages: Mapping[str, tuple[str, str]]) -> None:
    """Deprecated: add ``{key: (french, english)}`` messages beside the catalogues.

    Kept until ``tools/i18n-migrate.py`` has moved every such block into ``locales/``; a key
    registered twice must say the same thing.
    """
    for key, pair in messages.items():
        if key in _registered and _registered[key] != pair:
            raise ValueError(f"message {key!r} registered twice with different text")
        _registered[key] = pair


_imported_all = False


def _import_registering_modules() -> bool:
    """Deprecated path: a key in no catalogue may be registered by a module not imported yet
    (commands import lazily); import them all, once. False when that was already done."""
    global _imported_all
    if _imported_all:
        return False
    _imported_all = True
    import importlib
    import pkgutil

    import trousse

    for info in pkgutil.walk_packages(trousse.__path__, "trousse."):
        if info.name != "trousse.__main__":
            try:
                importlib.import_module(info.name)
            except ImportError:
                continue
    return True


def registered() -> dict[str, tuple[str, str]]:
    """The messages given to the deprecated :func:`register` (for the migration script)."""
    return dict(_registered)


def catalogue(lang: str) -> dict[str, str]:
    """The catalogue of ``lang`` (``fr`` or ``en``), read once."""
    found = _catalogues.get(lang)
    if found is None:
        path = LOCALES / f"{lang}.json"
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            found = {}
        _catalogues[lang] = found
    return found


def locale_language() -> str:
    """The language of the environment's locale: ``fr`` for any French locale, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    import locale  # only when no variable says it

    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "fr" if loc.lower().startswith("fr") else "en"


def set_language(lang: str | None) -> str:
    """Make ``lang`` (or the locale's language when None) the language of all messages.

    Called once, by the command line's entry point, when it has decided the language.
    """
    global _current
    _current = lang if lang in LANGUAGES else locale_language()
    return _current


def language() -> str:
    """The language decided for this run."""
    return _current


_typeset: dict[str, str] = {}


def text(msg_id: str, lang: str) -> str:
    """The unformatted text of ``msg_id`` in ``lang``; French is typeset (:func:`french_typography`)
    message by message, when first used (the catalogue is written with plain spaces and quotes)."""
    found = catalogue(lang).get(msg_id)
    if found is not None:
        if lang != "fr":
            return found
        done = _typeset.get(msg_id)
        if done is None:
            done = _typeset[msg_id] = french_typography(found)
        return done
    pair = _registered.get(msg_id)
    if pair is None and _import_registering_modules():
        pair = _registered.get(msg_id)
    if pair is None:
        raise KeyError(f"no message {msg_id!r}")
    return french_typography(pair[0]) if lang == "fr" else pair[1]


# Characters a terminal obeys rather than shows: C0 controls but tab and newline, DEL, C1 controls
# (ESC starts the sequences that clear the screen, set the window title or move the cursor) and the
# bidirectional overrides that reorder what is shown. U+202F, French's narrow no-break space, is not one.
# Also the surrogates, which no terminal can show: those standing for the bytes of a file name that
# are not UTF-8 (``\udcff`` for the byte 0xff, as Python reads such a name) are shown as those bytes.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8: shown as that byte, as git shows it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: str) -> str:
    """``value`` with every control character written as a visible escape (``\\x1b``): a kit's text
    (a title, a file name) is shown to the person running trousse, never obeyed by their terminal.
    A byte of a file name that is not UTF-8 is written the same way (``\\xff``), not as a
    replacement character that another name could share."""
    return _CONTROLS.sub(_shown, value) if _CONTROLS.search(value) else value


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable_json(value: Any) -> str:
    """``value`` as the JSON trousse prints and writes (indented, UTF-8 text, ending with a
    newline), valid UTF-8 whatever a kit's file names hold: a byte of a name that is not UTF-8
    (a lone surrogate, as Python reads such a name) is written as its ``\\udcXX`` escape, which a
    JSON reader gives back as the same surrogate."""
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _SURROGATE.search(text) else text


def t(msg_id: str, /, *, _lang: str | None = None, **values: object) -> str:
    """The message ``msg_id`` in ``_lang`` (default: the decided language), formatted with ``values``
    (text values made :func:`printable`: they often come from a kit)."""
    lang = _lang or _current
    message = text(msg_id, lang)
    if not values:
        return message
    values = {k: printable(v) if isinstance(v, str) else v for k, v in values.items()}
    if "plural," in message:
        message = expand_plurals(message, values, lang)
    return message.format(**values)


def plural_category(n: object, lang: str) -> str:
    """``one`` or ``other``: French puts 0 and 1 in the singular, English only 1."""
    try:
        number = abs(float(n))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "other"
    if lang == "fr":
        return "one" if number < 2 else "other"
    return "one" if number == 1 else "other"


def _block(message: str, start: int) -> int:
    """The index just after the brace-balanced block that opens at ``message[start]``."""
    depth = 0
    for i in range(start, len(message)):
        if message[i] == "{":
            depth += 1
        elif message[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError(f"unbalanced braces in message {message!r}")


def plural_forms(message: str, start: int) -> tuple[str, dict[str, str], int]:
    """Parse the plural block whose ``{`` is at ``start``: its variable, its forms, its end."""
    m = _PLURAL.match(message, start)
    if m is None:
        raise ValueError(f"not a plural block at {start} in {message!r}")
    forms: dict[str, str] = {}
    i = m.end()
    while True:
        while i < len(message) and message[i].isspace():
            i += 1
        if i >= len(message):
            raise ValueError(f"unbalanced braces in message {message!r}")
        if message[i] == "}":
            return m.group(1), forms, i + 1
        brace = message.find("{", i)
        if brace < 0:
            raise ValueError(f"plural form without text in {message!r}")
        selector = message[i:brace].strip()
        end = _block(message, brace)
        forms[selector] = message[brace + 1 : end - 1]
        i = end


def expand_plurals(message: str, values: Mapping[str, object], lang: str) -> str:
    """Replace each plural block by the form that fits its number (``#`` becomes the number)."""
    out: list[str] = []
    i = 0
    while True:
        m = _PLURAL.search(message, i)
        if m is None:
            out.append(message[i:])
            return "".join(out)
        out.append(message[i : m.start()])
        name, forms, end = plural_forms(message, m.start())
        n = values[name]
        exact = forms.get(f"={n}")
        chosen = exact if exact is not None else forms.get(plural_category(n, lang), forms.get("other", ""))
        out.append(expand_plurals(chosen, values, lang).replace("#", str(n)))
        i = end


def placeholders(message: str) -> set[str]:
    """The names a message needs: its ``{name}`` fields and the variables of its plural blocks."""
    names = set(_PLURAL.findall(message))
    for spelled in plural_texts(message):
        names.update(_FIELD.findall(spelled))
    return names


def plural_texts(message: str) -> list[str]:
    """Every form a message can take, spelled out (for checks of placeholders and wording)."""
    m = _PLURAL.search(message)
    if m is None:
        return [message]
    _, forms, end = plural_forms(message, m.start())
    head, tail = message[: m.start()], message[end:]
    return [head + text for form in forms.values() for text in plural_texts(form + tail)]


def pick(texts: Mapping[Any, str] | str | None, lang: str | None = None) -> str:
    """Choose the text in ``lang`` from a ``{fr: ..., en: ...}`` mapping (or return a plain string)."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    lang = lang or _current
    return texts.get(lang) or texts.get("en") or texts.get("fr") or next(iter(texts.values()), "")


def pack_text(texts: Mapping[Any, str] | str | None, lang: str | None = None) -> str:
    """A standard pack's text (a ``{fr: ..., en: ...}`` mapping, or a string trousse writes) as
    trousse prints it in ``lang``, in check messages and reports alike: French writes the
    standards bodies' ISO/CEI and the typographic apostrophe, English writes ISO/IEC. Kit data
    keeps its own spelling (do not pass it here)."""
    lang = lang or _current
    text = pick(texts, lang)
    if not text:
        return text
    if lang == "fr":
        return french_apostrophes(text.replace("ISO/IEC", "ISO/CEI"))
    return text.replace("ISO/CEI", "ISO/IEC")


# Words starting with an aspirated h: "de" stays whole before them ("de Hauts-de-Seine").
_ASPIRATED_H = (
    "hache", "haie", "hall", "halle", "hamac", "hameau", "hanche", "hangar", "hardi", "harpe", "hasard",
    "haut", "hausse", "havre", "hérisson", "héron", "héros", "hêtre", "hibou", "hollande", "homard",
    "honte", "hors", "houx", "huit", "hurepoix",
)  # fmt: skip
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"


def de(name: str) -> str:
    """French "de" before ``name``, elided before a vowel or a mute h with a typographic
    apostrophe: ``de("Atelier Martin")`` is "d’Atelier Martin", ``de("Hôtel du Lac")`` "d’Hôtel du
    Lac", ``de("Dupont")`` "de Dupont", ``de("Yvelines")`` "d’Yvelines" but ``de("Yaourt")`` "de
    Yaourt" (a y before a vowel sounds as a consonant), ``de("Haut-Jura")`` "de Haut-Jura"."""
    text = name.strip()
    low = text.lower()
    if not low:
        return "de"
    first = low[0]
    elide = first in _VOWELS
    if first == "y" and len(low) > 1 and low[1] in _VOWELS:
        elide = False
    if first == "h":
        elide = not low.startswith(_ASPIRATED_H)
    return f"d\u2019{text}" if elide else f"de {text}"


MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def longdate(value: Any, lang: str) -> str:
    """A date as prose writes it: ``23 novembre 2026`` (``1er`` on the first) or ``23 November
    2026``; None is empty; an ISO string (``2026-06-05``) is read first, anything else is as given."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if not isinstance(value, _dt.date):
        return str(value)
    months = MONTHS["fr" if lang == "fr" else "en"]
    day = "1er" if (lang == "fr" and value.day == 1) else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"
