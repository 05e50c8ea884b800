"""The lock files: every dependency pyproject.toml declares is pinned there, at a version its range allows, each with
hashes; the dev lock keeps the runtime lock's versions. Editing pyproject.toml without `make lock` fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)")


def name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def pins(path: Path) -> dict[str, str]:
    """Package → version of a pip-compile lock; every pin must carry at least one hash."""
    found: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            assert line.rstrip().endswith("\\") and "--hash=sha256:" in lines[i + 1], f"{path.name}: {line} unhashed"
            found[name(match.group(1))] = match.group(2)
    return found


def test_every_declared_dependency_is_locked_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, dev = pins(ROOT / "requirements" / "lock.txt"), pins(ROOT / "requirements" / "dev-lock.txt")
    wanted = [(Requirement(r), runtime) for r in project["dependencies"]]
    wanted += [(Requirement(r), dev) for r in project["optional-dependencies"]["dev"]]
    problems = []
    for requirement, lock in wanted:
        version = lock.get(name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not locked")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} is outside {requirement.specifier}")
    assert problems == [], "run `make lock`: " + "; ".join(problems)
    assert "setuptools" in runtime  # the build backend, for --no-build-isolation
    changed = {p: (v, dev.get(p)) for p, v in runtime.items() if dev.get(p) != v}
    assert changed == {}, "the dev lock must keep the runtime lock's versions"


def test_the_pinned_pip_is_the_locks_pip() -> None:
    """Make and the Dockerfile install requirements/pip.txt before the lock: an older pip (23.2, as Python 3.11.7's
    venv brings) rejects a hash-checked lock whose packages ask for a dependency with extras (weasel needs
    smart-open[http]) once a newer release of that dependency is on the index."""

    def block(path: Path) -> list[str]:
        lines = path.read_text(encoding="utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("pip=="))
        out = [lines[start]]
        for line in lines[start + 1 :]:
            if not line.strip().startswith("--hash="):
                break
            out.append(line)
        return [line.strip() for line in out]

    pinned = block(ROOT / "requirements" / "pip.txt")
    assert pinned == block(ROOT / "requirements" / "lock.txt"), "run `make lock` (it rewrites requirements/pip.txt)"
    assert len(pinned) >= 2
