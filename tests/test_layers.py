"""The import contracts (pyproject.toml, [tool.importlinter]) hold: each layer imports only
from itself and the layers below, the text analysis imports nothing of the site's, and no
two of the app's modules import each other, directly or round a circle."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
