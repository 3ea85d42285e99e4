"""Runs pip-audit over every installed package except the project itself, and judges the result.

A known vulnerability fails the audit. A package pip-audit could not look up (its vulnerability
service unreachable, as on a machine that reaches only a package mirror) is named in a warning;
with UTSYN_REQUIRE_AUDIT=1 that fails too, so that a machine with the real PyPI can insist on a
complete audit.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent


def installed_requirements():
    frozen = subprocess.run(  # noqa: S603
        [BIN / "pip", "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
    ).stdout
    return frozen


def run_pip_audit(requirements):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as file:
        file.write(requirements)
    try:
        result = subprocess.run(  # noqa: S603
            [BIN / "pip-audit", "--no-deps", "--disable-pip", "--progress-spinner", "off"]
            + ["--format", "json", "--requirement", file.name],
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(file.name)
    if not result.stdout.strip():
        sys.exit(f"pip-audit failed:\n{result.stderr}")
    return json.loads(result.stdout)["dependencies"]


def main():
    dependencies = run_pip_audit(installed_requirements())
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "none yet"
            name = f"{dependency['name']} {dependency['version']}"
            print(f"VULNERABLE {name}: {vuln['id']} (fixed in {fixed})")
    print(f"pip-audit: {audited} of {len(dependencies)} checked, {len(vulnerable)} vulnerable")
    if skipped:
        print(
            f"WARNING: {len(skipped)} packages could not be checked; the vulnerability service "
            f"did not answer for them (first: {skipped[0]['skip_reason']})"
        )
    if vulnerable or (skipped and os.environ.get("UTSYN_REQUIRE_AUDIT") == "1"):
        sys.exit(1)


if __name__ == "__main__":
    main()
