"""`.env` is read if present (issue 17, 7): found from outside, a DATABASE_URL written in
.env, as .env.example suggests, was silently ignored."""

import os
import subprocess
import sys


def _setting(tmp_path, name, env):
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**env, "DJANGO_SETTINGS_MODULE": "coproduce.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_a_dotenv_file_is_read_and_the_environment_wins(tmp_path):
    (tmp_path / ".env").write_text(
        "# copied from .env.example\nexport COPRODUCE_SITE_URL='https://coproduce.example.gov.uk'\n"
        "COPRODUCE_PDF_AT_ONCE=5\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODUCE_")}
    env["COPRODUCE_VAR_DIR"] = str(tmp_path / "var")
    assert _setting(tmp_path, "COPRODUCE_SITE_URL", env) == "https://coproduce.example.gov.uk"
    assert _setting(tmp_path, "COPRODUCE_PDF_AT_ONCE", env) == "5"
    env["COPRODUCE_PDF_AT_ONCE"] = "3"
    assert _setting(tmp_path, "COPRODUCE_PDF_AT_ONCE", env) == "3"
    (tmp_path / ".env").unlink()
    assert _setting(tmp_path, "ENV_FILE", env) == "None"


def test_every_setting_the_code_reads_is_in_the_example_file():
    """Issue 22: `.env.example` lists every environment variable Coproduce reads."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    read = set()
    for source in (root / "src/coproduce").rglob("*.py"):
        text = source.read_text()
        read |= set(re.findall(r'env_(?:str|int|bool|list)\(\s*"([A-Z_]+)"', text))
        read |= set(re.findall(r'os\.environ(?:\.get)?\(?\[?"([A-Z_]+)"', text))
    example = (root / ".env.example").read_text()
    assert len(read) > 40
    missing = sorted(name for name in read if name not in example)
    assert missing == []
