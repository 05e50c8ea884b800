"""Run the Dockerfile's install steps in a fresh virtual environment, for machines without a container engine.

Copies what the Dockerfile COPYs into a temporary folder (its WORKDIR), then runs every RUN step that is a pip or
python command with the new environment's pip and python, in order; other steps (creating a user) are listed as
skipped. Exit status 1 when a step fails. Run by ``.ci/run``; by hand: ``python3 scripts/dockerfile_steps.py``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole = pending + line
        pending = ""
        word, _, rest = whole.partition(" ")
        out.append((word.upper(), rest.strip()))
    return out


def main() -> int:
    steps = instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="briefbot-docker-") as tmp:
        app, env_dir = Path(tmp) / "app", Path(tmp) / "venv"
        app.mkdir()
        venv.create(env_dir, with_pip=True)
        bin_dir = env_dir / "bin"
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        for word, rest in steps:
            if word == "COPY":
                *sources, target = shlex.split(rest)
                for source in sources:
                    origin = ROOT / source
                    if origin.is_dir():
                        shutil.copytree(origin, app / target, dirs_exist_ok=True)
                        continue
                    destination = app / target / origin.name if target.endswith("/") else app / target
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(origin, destination)
            elif word == "RUN":
                if rest.split()[0] not in ("pip", "python"):
                    print(f"skipped (not an install step): RUN {rest}")
                    continue
                print(f"RUN {rest}", flush=True)
                if subprocess.run(["bash", "-c", rest], cwd=app, env=env, check=False).returncode:
                    print(f"failed: RUN {rest}", file=sys.stderr)
                    return 1
        check = subprocess.run([str(bin_dir / "briefbot"), "--help"], env=env, capture_output=True, text=True)
        if check.returncode:
            print(f"failed: briefbot --help: {check.stderr.strip()}", file=sys.stderr)
            return 1
    print("the Dockerfile's install steps work in a fresh environment")
    return 0


if __name__ == "__main__":
    sys.exit(main())
