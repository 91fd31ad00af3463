"""trousse's own French is typeset: a narrow no-break space before « : ; ? ! » and inside
« guillemets », and the typographic apostrophe; commands quoted for a shell keep their quotes.
English is left as written."""

from __future__ import annotations

from conftest import cli

from trousse import i18n

NNBSP = "\u202f"


def test_french_messages_are_typeset() -> None:
    proc = cli("check", "--bogus", "--lang", "fr", raw=True)
    assert proc.returncode == 2
    assert f"Erreur{NNBSP}: l’option --bogus n’existe pas" in proc.stderr
    assert "'" not in proc.stderr.split("Erreur")[1]


def test_french_help_is_typeset_and_has_no_english_placeholders() -> None:
    out = cli("report", "--help", "--lang", "fr", raw=True).stdout
    assert f"Utilisation{NNBSP}: trousse report [OPTIONS] {{TYPE}} [TROUSSE]" in out
    assert f"Arguments{NNBSP}:" in out and "TROUSSE <chemin>" in out
    assert "'trousse[pdf]'" in out  # a shell command keeps its straight quotes


def test_guillemets_and_english_untouched() -> None:
    fr = i18n.t("click.missing_argument", _lang="fr", name="DIR")
    assert fr == f"il manque l’argument «{NNBSP}DIR{NNBSP}»."
    en = i18n.t("click.missing_argument", _lang="en", name="DIR")
    assert "\u2019" not in en and NNBSP not in en


def test_values_are_not_retypeset() -> None:
    # Only trousse's own words are typeset: a value (a file name, kit text) is printed as it is.
    fr = i18n.t("click.missing_argument", _lang="fr", name="l'id : x")
    assert "l'id : x" in fr
