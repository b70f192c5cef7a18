"""`python -m mccat`: the same as the `mccat` command."""

import sys

from mccat.cli.main import main

sys.exit(main())
