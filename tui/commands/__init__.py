"""One module per `board` subcommand: each has `add_parser(subparsers)` and `run(args) -> int`.

SUMMARIES is the one place each command's one-line help lives: `board --help` lists them without
importing any command's module (each module's imports cost a start-up only its command pays).
"""

SUMMARIES = {
    "show": "print every table (or one) as the console shows it",
    "set": "change one field (validated, recorded in the history)",
    "history": "list changes, newest first",
    "check": "validate the store; exit 2 with the reason if anything is wrong",
    "export": "write a snapshot: md, html, csv, json or svg, or --all formats into a folder",
    "serve": "serve the console to web browsers (textual-serve)",
}
