#!/usr/bin/env bash
# Rewrites the <Compile> items of the nanoFramework projects from the .cs files on disk.
#
#   bash scripts/sync-nfproj.sh            # rewrite the projects of this repository
#   bash scripts/sync-nfproj.sh --check    # change nothing; exit 1 and name the projects that are stale
#   bash scripts/sync-nfproj.sh --root DIR # work on another checkout (the ProjectFiles tests use this)
#
# Classic .nfproj files list every source file explicitly (no globs), so a new .cs file is not built
# for the device until it is listed. For each project below, the script lists every .cs file under the
# project's folder, except bin/, obj/ and the folders excluded for that project, as
# <Compile Include="Sub\File.cs" /> with backslashes as Visual Studio writes them, sorted
# case-insensitively, in the ItemGroup that held the Compile items (which must hold nothing else).
# Everything outside that ItemGroup is left byte for byte. Running it twice changes nothing.
#
# The same rule is checked by DeviceFirmware.Tests/Host/HostTests/ProjectFiles (ProjectExpectations.cs):
# change both together.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="write"
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode="check"; shift ;;
    --root) root="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "sync-nfproj: unknown argument '$1' (use --check, --root DIR)" >&2; exit 2 ;;
  esac
done

if ! command -v python3 >/dev/null 2>&1; then
  echo "sync-nfproj: python3 is required" >&2
  exit 2
fi

exec python3 - "$root" "$mode" <<'PY'
import os
import re
import sys

root, mode = sys.argv[1], sys.argv[2]

# project file (relative to the repository root) -> folders under the project folder that are not
# compiled into it. Keep in step with ProjectExpectations.cs.
PROJECTS = [
    ("DeviceFirmware/Core/DeviceFirmware.Core.nfproj", []),
    ("DeviceFirmware/App/DeviceFirmware.App.nfproj", []),
    ("DeviceFirmware.Tests/DeviceFirmware.Tests.nfproj", ["Host"]),
]
ALWAYS_EXCLUDED = {"bin", "obj"}

COMPILE = re.compile(r'<Compile\s+Include="[^"]*"\s*/>')
COMPILE_WITH_BODY = re.compile(r'<Compile\s+Include="[^"]*"\s*>')
ITEMGROUP = re.compile(r'<ItemGroup(\s[^>]*)?>(.*?)</ItemGroup>', re.S)


def sources(project_dir, excluded):
    found = []
    for dirpath, dirnames, filenames in os.walk(project_dir):
        rel_dir = os.path.relpath(dirpath, project_dir)
        depth0 = rel_dir == "."
        keep = []
        for d in dirnames:
            if d in ALWAYS_EXCLUDED:
                continue
            if depth0 and d in excluded:
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            if name.endswith(".cs"):
                rel = os.path.normpath(os.path.join(rel_dir, name))
                found.append(rel.replace(os.sep, "\\"))
    # Ordinal, ignoring case the way .NET's OrdinalIgnoreCase does (upper-case), then ordinal.
    return sorted(found, key=lambda s: (s.upper(), s))


def item_groups(text):
    # XML comments may mention tags; blank them out (same length) before looking for ItemGroups.
    masked = re.sub(r'<!--.*?-->', lambda m: " " * len(m.group(0)), text, flags=re.S)
    return [g for g in ITEMGROUP.finditer(masked)]


def rewrite(text, files):
    if COMPILE_WITH_BODY.search(text):
        raise SystemExit("sync-nfproj: a <Compile> item with child elements is not supported; "
                         "write it as <Compile Include=\"...\" />")
    newline = "\r\n" if "\r\n" in text else "\n"
    groups = item_groups(text)
    target = next((g for g in groups if COMPILE.search(g.group(2))), None)
    if target is None:
        # No Compile items yet: use the first ItemGroup that is empty, else add one after the
        # NFProjectSystem.props import.
        target = next((g for g in groups if g.group(2).strip() == ""), None)
    # Indentation of the ItemGroup line.
    def indent_of(pos):
        line_start = text.rfind("\n", 0, pos) + 1
        return text[line_start:pos]
    if target is None:
        anchor = re.search(r'<Import Project="\$\(NanoFrameworkProjectSystemPath\)NFProjectSystem\.props"[^>]*/>', text)
        if anchor is None:
            raise SystemExit("sync-nfproj: no ItemGroup for Compile items and no NFProjectSystem.props import to add one after")
        ind = indent_of(anchor.start())
        block = newline + ind + "<ItemGroup>" + newline + ind + "</ItemGroup>"
        text = text[:anchor.end()] + block + text[anchor.end():]
        groups = item_groups(text)
        target = next(g for g in groups if g.group(2).strip() == "")
    leftover = re.sub(r'[ \t]*' + COMPILE.pattern + r'[ \t]*(\r?\n)?', "", target.group(2))
    if leftover.strip():
        raise SystemExit("sync-nfproj: the ItemGroup with the Compile items holds other items too; "
                         "move those to their own ItemGroup")
    ind = indent_of(target.start())
    item_ind = ind + "  "
    # Remove Compile items from every other ItemGroup; they all move into the target group.
    pieces = []
    last = 0
    for g in groups:
        if g.start() == target.start():
            body = newline.join(item_ind + '<Compile Include="' + f + '" />' for f in files)
            open_tag = "<ItemGroup" + (g.group(1) or "") + ">"
            replacement = open_tag + newline + (body + newline if body else "") + ind + "</ItemGroup>"
        else:
            if not COMPILE.search(g.group(2)):
                continue
            inner = text[g.start(2):g.end(2)]
            inner = re.sub(r'[ \t]*' + COMPILE.pattern + r'[ \t]*(\r?\n)?', "", inner)
            replacement = "<ItemGroup" + (g.group(1) or "") + ">" + inner + "</ItemGroup>"
        pieces.append(text[last:g.start()])
        pieces.append(replacement)
        last = g.end()
    pieces.append(text[last:])
    return "".join(pieces)


stale = []
for rel_project, excluded in PROJECTS:
    path = os.path.join(root, *rel_project.split("/"))
    if not os.path.isfile(path):
        print("sync-nfproj: missing " + rel_project, file=sys.stderr)
        sys.exit(2)
    with open(path, "rb") as f:
        raw = f.read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    updated = rewrite(text, sources(os.path.dirname(path), excluded))
    if updated != text:
        stale.append(rel_project)
        if mode == "write":
            with open(path, "wb") as f:
                f.write((b"\xef\xbb\xbf" if bom else b"") + updated.encode("utf-8"))

if mode == "check":
    for p in stale:
        print("stale: " + p + " (run: bash scripts/sync-nfproj.sh)")
    if not stale:
        print("all nfproj Compile items are up to date")
    sys.exit(1 if stale else 0)
for p in stale:
    print("updated " + p)
if not stale:
    print("all nfproj Compile items are up to date")
PY
