import sys

from lgc_app.cli import main

sys.exit(main())
