"""Where the tools of the browser and HTML tests are, and what happens when one is missing.

`make test` installs axe-core and the Nu Html Checker with npm (`package.json`), and
`scripts/system-packages` Debian's Chromium and Java. A machine without them skips these
tests; `.ci/run` sets UTSYN_REQUIRE_BROWSER=1 so that CI fails instead.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

REQUIRED = os.environ.get("UTSYN_REQUIRE_BROWSER") == "1"
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("UTSYN_CHROMIUM", "/usr/bin/chromium"))


def missing(what):
    message = f"{what} is missing; `make test` installs it (.ci/run requires it)"
    if REQUIRED:
        pytest.fail(message)
    pytest.skip(message)


def need_file(path, what):
    if not path.is_file():
        missing(what)
    return path


def need_command(name, what):
    path = shutil.which(name)
    if path is None:
        missing(what)
    return path
