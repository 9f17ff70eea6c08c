"""An installed planbuilder finds content/ and layouts/ from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (path,) = out.glob("planbuilder-*.whl")
    return path


def test_the_wheel_carries_content_and_layouts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "planbuilder/_data/content/exercises/bird_dog.yaml" in names
    assert "planbuilder/_data/layouts/classic.yaml" in names
    assert "planbuilder/fonts/DejaVuSans.ttf" in names


@pytest.mark.slow
def test_the_unpacked_wheel_plans_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from planbuilder import paths; print(paths.content_dir()); print(paths.layouts_dir())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert all(line.startswith(str(site)) for line in probe.stdout.split())
    result = subprocess.run(
        [sys.executable, "-m", "planbuilder", "plan", str(EXAMPLES / "minimal.yaml"), "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert '"weeks"' in result.stdout
