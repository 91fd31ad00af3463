"""`python -m trousse`."""

from trousse.cli import main

if __name__ == "__main__":
    main()
