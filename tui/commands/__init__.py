"""One module per `board` subcommand: each has `add_parser(subparsers)` and `run(args) -> int`."""
