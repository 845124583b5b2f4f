#!/usr/bin/env bash
# hack/lint-tree.sh [repo]: fail if the git index of repo (default: this repository) holds a build
# output: a compiled executable (ELF, Mach-O, PE or WebAssembly, by its first bytes), a file marked
# executable that is not a script (no "#!" line), or a file over 1 MiB outside a testdata/ directory.
# Called by `make lint`. It reads the blobs in the index, not the work tree, so a binary that is
# staged but deleted from disk is still caught. A 40 MB debug build of the CLI was once committed at
# the root; .gitignore now covers the build outputs, and this is what catches the next one.
set -euo pipefail
repo=${1:-"$(dirname "$0")/.."}
limit=$((1024 * 1024))

bad=0
while read -r mode blob path; do
	[ "$mode" = 160000 ] && continue # a submodule: no blob here
	size=$(git -C "$repo" cat-file -s "$blob")
	magic=$( (git -C "$repo" cat-file blob "$blob" || true) | head -c 4 | od -An -tx1 | tr -d ' \n')
	case $magic in
	7f454c46 | cffaedfe | cefaedfe | feedfacf | feedface | cafebabe | 0061736d | 4d5a*)
		echo "lint-tree: $path: a compiled executable (first bytes $magic); build outputs belong in bin/, not git" >&2
		bad=1
		continue
		;;
	esac
	if [ "$mode" = 100755 ] && [ "${magic:0:4}" != 2321 ]; then
		echo "lint-tree: $path: executable but not a script (no #! line)" >&2
		bad=1
	fi
	if [ "$size" -gt "$limit" ]; then
		case /$path in
		*/testdata/*) ;;
		*)
			echo "lint-tree: $path: $size bytes, over 1 MiB and not under a testdata/ directory" >&2
			bad=1
			;;
		esac
	fi
done < <(git -C "$repo" ls-files --stage | sed 's/^\([0-9]*\) \([0-9a-f]*\) [0-9]\t/\1 \2 /')
exit $bad
