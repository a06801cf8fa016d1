"""`python -m legwise`: the same command line as the `legwise` console script."""

from legwise.interfaces.cli.app import main

if __name__ == "__main__":
    main()
