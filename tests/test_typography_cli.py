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
    assert f"Erreur{NNBSP}: l’option «{NNBSP}--bogus{NNBSP}» n’existe pas." in proc.stderr
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


def test_the_list_of_commands_keeps_its_typography() -> None:
    # Click's own short help splits on every space, no-break ones included: trousse's does not
    out = cli("--lang", "fr", "--help", raw=True).stdout
    line = next(x for x in out.splitlines() if x.strip().startswith("check "))
    assert f"Vérifie la trousse{NNBSP}:" in line and line.rstrip().endswith("...")
    assert "dans DOSSIER" in out and "dans DIR" not in out  # the prose names the placeholder as usage does


def test_rule_documentation_is_typeset() -> None:
    out = cli("rules", "ACT001", "--lang", "fr", raw=True).stdout
    assert f"Famille{NNBSP}:" in out and "plan d’action" in out
    assert "plan d'action" not in out


def test_short_help_cuts_at_a_word() -> None:
    from trousse.cli.localise import short_help

    assert short_help("Une phrase. Une autre.") == "Une phrase."
    text = f"Vérifie la trousse{NNBSP}: YAML, schémas, références, complétude, documents."
    cut = short_help(text, 45)
    assert len(cut) <= 45 and cut.endswith("...") and f"trousse{NNBSP}:" in cut
