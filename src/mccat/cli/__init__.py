"""The `mccat` command line: argument parsing and one module per group of subcommands (mccat.cli.main)."""
