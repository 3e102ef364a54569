"""Writing outputs without losing anything: atomic replace, and never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gapcheck.errors import GapcheckError


def write_bytes_atomic(path, data: bytes, *, protect=()) -> Path:
    """Write `data` to `path` through a temporary file and a rename, so that an interrupted run
    leaves the earlier file whole. Refuses to write over any path in `protect` (the inputs)."""
    path = Path(path)
    target = path.resolve()
    for p in protect:
        if Path(p).resolve() == target:
            raise GapcheckError("refusing to write over an input file", path=path,
                                hint="choose another output name or folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())      # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def write_text_atomic(path, text: str, *, protect=()) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), protect=protect)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
