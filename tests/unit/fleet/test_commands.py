"""The fleet commands as a clinic's IT runs them, through ``kiosk.cli.main``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.conftest import CONTENT


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copytree(CONTENT / "muscle-cramps", folder / "muscle-cramps")
    return folder


def test_publish_review_and_update_from_the_command_line(
    content: Path, tmp_path: Path, serve: str, server_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, keys, key = str(server_root), str(tmp_path / "keys"), str(tmp_path / "ana.pem")
    assert main(["publish", str(content), "--repo", repo, "--keys", keys, "--init"]) == 0
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == [
        "root.pem",
        "snapshot.pem",
        "targets.pem",
        "timestamp.pem",
    ]
    assert all((tmp_path / "keys" / n).stat().st_mode & 0o077 == 0 for n in ["root.pem"])
    assert (
        main(["reviewer", "add", "Dr Ana Ruiz", "--key", key, "--repo", repo, "--keys", keys]) == 0
    )
    assert (
        main(
            [
                "approve",
                "muscle-cramps",
                "--reviewer",
                "Dr Ana Ruiz",
                "--key",
                key,
                "--repo",
                repo,
                "--keys",
                keys,
            ]
        )
        == 0
    )
    state = str(tmp_path / "kiosk")
    root = str(server_root / "metadata" / "root.json")
    capsys.readouterr()
    assert main(["update", "--from", serve, "--trust", root, "--state", state]) == 0
    out = capsys.readouterr().out
    assert "muscle-cramps 1.0.0 (approved by Dr Ana Ruiz)" in out
    assert main(["update", "--status", "--state", state]) == 0
    out = capsys.readouterr().out
    assert "last error: none" in out
    assert "approved by Dr Ana Ruiz" in out
    assert (
        main(
            [
                "revoke",
                "muscle-cramps",
                "--reviewer",
                "Dr Ana Ruiz",
                "--key",
                key,
                "--repo",
                repo,
                "--keys",
                keys,
            ]
        )
        == 0
    )
    assert main(["update", "--from", serve, "--state", state]) == 0
    assert "muscle-cramps 1.0.0 (not approved)" in capsys.readouterr().out


def test_publish_refuses_a_broken_bundle_and_says_where(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topic = content / "muscle-cramps" / "topic.yaml"
    topic.write_text(topic.read_text() + "\nnot_a_part: true\n")
    repo = tmp_path / "repo"
    code = main(
        ["publish", str(content), "--repo", str(repo), "--keys", str(tmp_path / "k"), "--init"]
    )
    assert code == 1
    captured = capsys.readouterr()
    assert "topic.yaml:" in captured.out
    assert "nothing was published" in captured.err
    assert not repo.exists()


def test_update_without_a_trusted_root_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["update", "--from", "http://127.0.0.1:9", "--state", str(tmp_path / "k")])
    assert code == 1
    assert "--trust root.json" in capsys.readouterr().err


def test_a_reviewer_key_cannot_be_a_stranger(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, keys = str(tmp_path / "repo"), str(tmp_path / "keys")
    assert main(["publish", str(content), "--repo", repo, "--keys", keys, "--init"]) == 0
    code = main(
        [
            "approve",
            "muscle-cramps",
            "--reviewer",
            "Nobody",
            "--key",
            f"{keys}/root.pem",
            "--repo",
            repo,
            "--keys",
            keys,
        ]
    )
    assert code == 1
    assert "there is no reviewer 'Nobody'" in capsys.readouterr().err
