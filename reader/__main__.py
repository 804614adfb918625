"""`python -m reader` is the same as `akhbar`."""

from reader.cli import main

raise SystemExit(main())
