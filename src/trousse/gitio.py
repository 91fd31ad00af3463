"""The only module that talks to git (through gitpython's command wrapper)."""

from __future__ import annotations

import os
from pathlib import Path

import git

SCAFFOLD_IDENTITY = {"GIT_AUTHOR_NAME": "trousse", "GIT_AUTHOR_EMAIL": "trousse@localhost",
                     "GIT_COMMITTER_NAME": "trousse", "GIT_COMMITTER_EMAIL": "trousse@localhost"}


def inside_repo(path: Path) -> bool:
    """Whether ``path`` (or its nearest existing parent) lies inside a git work tree."""
    probe = path.absolute()
    while not probe.exists():
        probe = probe.parent
    try:
        out = git.Git(str(probe)).execute(["git", "rev-parse", "--is-inside-work-tree"])
    except git.GitCommandError:
        return False
    return str(out).strip() == "true"


def has_identity(path: Path) -> bool:
    """Whether git knows who commits here (user.name and user.email set, or GIT_* variables)."""
    if os.environ.get("GIT_AUTHOR_NAME") and os.environ.get("GIT_AUTHOR_EMAIL"):
        return True
    g = git.Git(str(path))
    try:
        return bool(g.execute(["git", "config", "user.name"]).strip()) and bool(
            g.execute(["git", "config", "user.email"]).strip()
        )
    except git.GitCommandError:
        return False


def init_and_commit(path: Path, message: str) -> str:
    """``git init`` in ``path``, add every file and commit; return the commit id.

    When git has no identity configured, the commit is made as "trousse" so that the kit still
    starts with a commit; the user's own commits carry their identity.
    """
    repo = git.Repo.init(str(path), initial_branch="main") if _supports_initial_branch() else git.Repo.init(str(path))
    repo.git.add("--all")
    env = {} if has_identity(path) else SCAFFOLD_IDENTITY
    with repo.git.custom_environment(**env):
        repo.git.commit("-q", "-m", message)
    return str(repo.head.commit.hexsha)


def _supports_initial_branch() -> bool:
    try:
        major, minor = git.Git().version_info[:2]
    except (git.GitCommandError, ValueError):
        return False
    return (major, minor) >= (2, 28)
