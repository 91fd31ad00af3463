"""Session 5 of issue 15: what a fresh review on a real handbook found (holders of the roles the
documents name, the whole history in ``evidence``'s text, EVD012's documentation, the index pages
of the plan's text output)."""

from __future__ import annotations

from conftest import cli


def test_evd012_documentation_says_a_claimed_file_is_not_counted_twice() -> None:
    """``trousse rules EVD012`` tells, in each language, that a past file already claimed by another
    record dates that record only (never counted twice)."""
    fr = " ".join(cli("rules", "EVD012", "--lang", "fr").stdout.split())  # lines wrap at 80 columns
    en = " ".join(cli("rules", "EVD012", "--lang", "en").stdout.split())
    assert "already claimed" in en and "never counted twice" in en
    assert "réclame déjà un autre enregistrement" in fr and "jamais compté deux fois" in fr
