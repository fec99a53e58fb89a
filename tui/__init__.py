"""The Programme Board Console: the `board` command and its Textual screens.

Importing this package imports nothing heavy: the command line loads textual only when it runs
or serves the console.
"""
