"""The README's two set-up commands stay true, and every command is documented."""

import re
import subprocess
import sys

from click.testing import CliRunner

from conftest import ROOT
from gapcheck.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks():
    return re.findall(r"```bash\n(.*?)```", README, re.S)


def test_two_setup_commands_first_under_quick_start():
    quick = README[README.index("## Quick start"):README.index("## Usage")]
    blocks = re.findall(r"```bash\n(.*?)```", quick, re.S)
    assert len(blocks) == 2
    run_cmd, test_cmd = (b.strip() for b in blocks)
    assert "pip install" in run_cmd and "gapcheck analyze national_laws/cl" in run_cmd
    assert "pip install" in test_cmd and "pytest" in test_cmd
    # CI runs exactly the README's test command
    assert test_cmd in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_run_command_works_as_written(tmp_path):
    run_cmd = _bash_blocks()[0].strip()
    analyze = run_cmd.split("&& ")[-1].split()
    assert analyze[:2] == ["gapcheck", "analyze"]
    out = tmp_path / "reports"
    args = analyze[2:]
    args[args.index("-o") + 1] = str(out)
    proc = subprocess.run([sys.executable, "-m", "gapcheck", "analyze", *args], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert {p.name for p in out.iterdir()} == {"gap-report.json", "gap-report.xlsx", "gap-report.html"}


def test_every_command_is_documented():
    for name in main.commands:
        assert f"gapcheck {name}" in README, name
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
