import sys

from nr_xl.release.bundle import main

sys.exit(main())
