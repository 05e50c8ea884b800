"""Canonical article URLs, so the same article reached through tracking links is stored once."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_hsenc",
        "_hsmi",
        "ocid",
        "cmpid",
        "at_medium",
        "at_campaign",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "ito",
        "xtor",
        "ref_src",
        "__twitter_impression",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PLAIN = re.compile(r"^https?://[a-z0-9.-]*[a-z0-9]/[^?#\s%@]*$")


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in _TRACKING_PARAMS


def canonical_url(url: str | None, *, keep_fragment: bool = False) -> str | None:
    """Lower-case scheme and host, drop default port, fragment and tracking parameters; None if not http(s).
    ``keep_fragment``: for the posts of a live page (``…/live#post-2``), which a feed lists as separate items."""
    if not url:
        return None
    url = url.strip()
    if _PLAIN.match(url):  # the common case: nothing to canonicalise
        return url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    path = parts.path or "/"
    fragment = parts.fragment if keep_fragment else ""
    return urlunsplit((scheme, host, path, urlencode(query, doseq=True), fragment))
