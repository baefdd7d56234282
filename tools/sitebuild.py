"""`python -m tools.sitebuild`: the build's command line, kept at this address
for callers outside the repository (../shared/bench/vs-hugo.sh's default
BUILD). The build itself lives in tools/build/sitebuild.py."""

import sys

from tools.build.sitebuild import main

if __name__ == "__main__":
    sys.exit(main())
