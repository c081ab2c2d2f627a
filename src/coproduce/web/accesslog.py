"""gunicorn's access log, without the secrets some addresses carry.

A survey's open link, a private answer link and an invitation carry their secret in the
address; whoever reads the server's log could use them. They are written as "…" here,
and so is the Referer header, which repeats the address of the page a link was on."""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_IN_PATH = re.compile(r"(/(?:survey|your-survey|answer|invitations)/)[^/?\s]+")


def redact(text: str) -> str:
    """The address with any secret in it replaced by "…"."""
    return SECRET_IN_PATH.sub(r"\1…", text)


class RedactingLogger(Logger):
    """gunicorn's logger, with secrets taken out of every place an address appears."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "f", "{referer}i", "{raw_uri}e", "{path_info}e"):
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms
