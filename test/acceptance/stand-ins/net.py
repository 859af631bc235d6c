#!/usr/bin/env python3
"""Stand-in for wget and curl in update-resources.sh: no network here, so each URL the script
asks for is answered from this machine. A file name gets bytes that name the URL and the
month's release (STANDIN_RELEASE), archives get the layout the script unpacks (the zip of
SysinternalsSuite, mimikatz, ysoserial's Release/, chisel.exe; ligolo's tar.gz with agent,
README.md and LICENSE; chisel's .gz), and the "latest release" redirects and API answer name a
version. Unknown options fail loudly, so a change in the real script is seen."""
import gzip
import io
import json
import os
import sys
import tarfile
import zipfile

RELEASE = os.environ.get("STANDIN_RELEASE", "1")
VERSION = f"1.{RELEASE}.0"


def payload(url: str) -> bytes:
    name = url.rstrip("/").rsplit("/", 1)[-1]
    # A "latest" download changes when upstream releases (each month here); one from a branch
    # or a fixed release does not.
    text = (f"stand-in for {url}" + (f", release {RELEASE}" if "latest" in url else "") + "\n").encode()
    if name.endswith(".zip"):
        entries = {
            "SysinternalsSuite.zip": ["PsExec.exe", "procdump.exe", "Eula.txt"],
            "mimikatz_trunk.zip": ["x64/mimikatz.exe", "Win32/mimikatz.exe", "README.md"],
        }.get(name)
        if entries is None and name.startswith("ysoserial"):
            entries = ["Release/ysoserial.exe", "Release/ysoserial.pdb"]
        if entries is None and name.startswith("chisel_"):
            entries = ["chisel.exe"]
        if entries is None and "rustscan" in name:
            entries = ["rustscan.exe" if "windows" in name else "rustscan"]
        if entries is None and name.startswith("ligolo-ng_agent"):
            entries = ["agent.exe"]
        if entries is None:
            raise SystemExit(f"net.py: no stand-in layout for the archive {url}")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for e in entries:
                # A fixed date: the same release gives the same bytes.
                z.writestr(zipfile.ZipInfo(e, date_time=(2026, 1, 1, 0, 0, 0)), text + e.encode())
        return buf.getvalue()
    if name.endswith(".tar.gz"):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.GNU_FORMAT) as t:
            for e in ["agent", "README.md", "LICENSE"]:
                data = text + e.encode()
                info = tarfile.TarInfo(e)
                info.size = len(data)
                info.mtime = 1767225600
                t.addfile(info, io.BytesIO(data))
        return buf.getvalue()
    if name.endswith(".gz"):
        return gzip.compress(text, mtime=0)
    return text


def wget(args: list[str]) -> None:
    out, url = None, None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-O":
            out, i = args[i + 1], i + 2
            continue
        if a.startswith("-O"):
            out, i = a[2:], i + 1
            continue
        if a.startswith("-"):
            raise SystemExit(f"wget stand-in: unknown option {a}")
        url, i = a, i + 1
    if not url:
        raise SystemExit("wget stand-in: no URL")
    body = payload(url)
    if out in (None, "-"):
        sys.stdout.buffer.write(body)
    else:
        with open(out, "wb") as f:
            f.write(body)


def curl(args: list[str]) -> None:
    urls = [a for a in args if a.startswith("http")]
    if not urls:
        raise SystemExit("curl stand-in: no URL")
    url = urls[0]
    if "%{url_effective}" in args:
        # `.../releases/latest` redirects to the latest release's tag page.
        sys.stdout.write(url.replace("/releases/latest", f"/releases/tag/v{VERSION}"))
        return
    if url.startswith("https://api.github.com/repos/") and url.endswith("/releases/latest"):
        sys.stdout.write(json.dumps({"tag_name": f"v{VERSION}"}))
        return
    raise SystemExit(f"curl stand-in: no answer for {' '.join(args)}")


tool = os.path.basename(sys.argv[0])
{"wget": wget, "curl": curl}[tool](sys.argv[1:])
