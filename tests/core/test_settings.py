import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from coproduce.env import env_bool, env_int, env_list


def test_env_helpers_read_values_and_refuse_nonsense(monkeypatch):
    monkeypatch.setenv("X_BOOL", "Yes")
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL", default=False) is True
    assert env_int("X_INT", 0) == 12
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    monkeypatch.setenv("X_BOOL", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL", default=False)
    monkeypatch.setenv("X_INT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 0)


def _manage(*args, **env):
    # The browser tests' conftest allows async-unsafe calls; production never does.
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "-m", "coproduce.cli", "manage", *args],
        capture_output=True,
        text=True,
        env={**clean, **env},
        check=False,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    # Issue 22: a trusted proxy and a backup folder with a recent backup are asked for too.
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "coproduce-20261204T021500Z.dump.json").write_text("{}")
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        COPRODUCE_HTTPS="true",
        SECRET_KEY="k" * 20 + "-production-secret-key-for-this-test-only-" + "z" * 10,
        ALLOWED_HOSTS="coproduce.example.org",
        EMAIL_URL="smtp+tls://coproduce%40example.org:secret@smtp.example.org:587",
        CACHE_URL="redis://127.0.0.1:6379/1",
        COPRODUCE_VAR_DIR=str(tmp_path),
        COPRODUCE_TRUSTED_PROXY_COUNT="1",
        COPRODUCE_BACKUP_DIR=str(backups),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_log_emails(tmp_path):
    # The default console backend put a working password-reset link in the server log.
    result = _manage(
        "check",
        "--deploy",
        DEBUG="false",
        COPRODUCE_HTTPS="true",
        SECRET_KEY="k" * 20 + "-production-secret-key-for-this-test-only-" + "z" * 10,
        ALLOWED_HOSTS="coproduce.example.org",
        COPRODUCE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "coproduce.E001" in result.stdout + result.stderr


def test_https_without_a_secret_key_refuses_to_start(tmp_path):
    result = _manage(
        "check", COPRODUCE_HTTPS="true", SECRET_KEY="", COPRODUCE_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_a_proxy_s_client_address_header_is_read_from_the_environment(tmp_path):
    # Behind nginx every visitor arrives from the proxy; without this the limits on login
    # attempts counted everyone as one address and locked them all out.
    shown = "from django.conf import settings as s; print(s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER, s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    result = _manage(
        "shell",
        "-c",
        shown,
        COPRODUCE_CLIENT_IP_HEADER="X-Real-IP",
        COPRODUCE_TRUSTED_PROXY_COUNT="1",
        COPRODUCE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["X-Real-IP", "1"]
