"""`trousse completion SHELL`: print the script that makes bash, zsh or fish ask trousse for
completions.

The scripts are trousse's own, written for Click's completion protocol (the one
:func:`trousse.cli.completion.answer` answers): on Tab they run ``trousse`` with
``_TROUSSE_COMPLETE=<shell>_complete`` and the command line in ``COMP_WORDS``/``COMP_CWORD``, offer
the ``plain`` candidates it prints and complete file names where it answers ``file``."""

from __future__ import annotations

import typer

from trousse import i18n
from trousse.cli import completion

BASH = r"""# trousse completion for bash: eval "$(trousse completion bash)" in ~/.bashrc
_trousse_completion() {
    local IFS=$'\n'
    local response line
    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" _TROUSSE_COMPLETE=bash_complete trousse 2>/dev/null)
    COMPREPLY=()
    for line in $response; do
        case ${line%%,*} in
            plain) COMPREPLY+=("${line#*,}") ;;
            file) compopt -o default 2>/dev/null ;;
        esac
    done
    return 0
}
complete -o nosort -F _trousse_completion trousse 2>/dev/null || complete -F _trousse_completion trousse
"""

ZSH = r"""#compdef trousse
# trousse completion for zsh: eval "$(trousse completion zsh)" in ~/.zshrc (after compinit)
_trousse_completion() {
    local -a response plain described
    local kind value help
    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) _TROUSSE_COMPLETE=zsh_complete trousse 2>/dev/null)}")
    for kind value help in "${response[@]}"; do
        if [[ $kind == plain ]]; then
            if [[ $help == _ ]]; then
                plain+=("$value")
            else
                described+=("$value:$help")
            fi
        elif [[ $kind == file ]]; then
            _files
        fi
    done
    (( ${#described} )) && _describe -V trousse described -U
    (( ${#plain} )) && compadd -U -V trousse -a plain
    return 0
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _trousse_completion "$@"
else
    compdef _trousse_completion trousse
fi
"""

FISH = r"""# trousse completion for fish: trousse completion fish > ~/.config/fish/completions/trousse.fish
function _trousse_completion
    set -l response (env _TROUSSE_COMPLETE=fish_complete COMP_WORDS=(commandline -cp) COMP_CWORD=(commandline -ct) trousse 2>/dev/null)
    for line in $response
        set -l parts (string split -m 1 "," -- $line)
        switch $parts[1]
            case plain
                printf '%s\n' $parts[2]
            case file
                __fish_complete_path (commandline -ct)
        end
    end
end
complete --no-files --command trousse --arguments "(_trousse_completion)"
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def completion_script(shell: str) -> str:
    """The completion script for ``shell`` (bash, zsh or fish)."""
    return SCRIPTS[shell]


def add(app: typer.Typer) -> None:
    """Declare ``trousse completion SHELL`` on ``app``."""

    @app.command("completion", help=i18n.t("completion.help"))
    def completion_command(
        shell: str = typer.Argument(
            ..., help=i18n.t("completion.shell"), metavar="SHELL", autocompletion=completion.shells
        ),
        lang: str | None = typer.Option(None, "--lang", help=i18n.t("cli.lang"), metavar="fr|en"),
    ) -> None:
        from trousse.cli.common import check_lang  # noqa: PLC0415
        from trousse.errors import ConfigError  # noqa: PLC0415

        check_lang(lang)
        if shell not in SCRIPTS:
            raise ConfigError(i18n.t("completion.bad_shell", value=shell))
        typer.echo(completion_script(shell), nl=False)
        raise typer.Exit(0)
