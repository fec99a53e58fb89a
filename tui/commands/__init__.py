"""One module per `board` subcommand: each has `add_parser(subparsers)` and `run(args) -> int`.

SUMMARIES is the one place each command's one-line help lives: `board --help` lists them without
importing any command's module (each module's imports cost a start-up only its command pays).
"""

SUMMARIES = {
    "show": "print every table (or one) as the console shows it",
    "get": "print one field's stored value (money as a plain number)",
    "set": "change one field (validated, recorded in the history)",
    "add": "add a row: board add actions text=... owner=... due=30/11/2004",
    "remove": "remove a row (recorded in the history)",
    "envelope": "print bids, envelope and over/under per year; or set one year's envelope",
    "reprofile": "move money between two years of one bid (its total unchanged)",
    "import": "apply a bids CSV (the columns of bids.csv) in one edit",
    "history": "list changes, newest first",
    "meeting": "start, correct, end or list meetings (edits while one is open carry its number)",
    "minutes": "the decision sheet of a meeting (md or html)",
    "check": "validate the store; exit 2 with the reason if anything is wrong",
    "export": "write a snapshot: md, html, csv, json, xlsx or svg, or --all formats into a folder",
    "serve": "serve the console to web browsers (textual-serve)",
}
