#!/bin/sh
# Remakes the font subsets in this folder from Debian's Noto packages
# (README.md says which versions and why these ranges). Needs pyftsubset
# (Debian: fonttools python3-brotli) and fonts-noto-core, fonts-noto-cjk.
# Run by `go generate ./generator/internal/fonts` from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
core=/usr/share/fonts/truetype/noto
cjk=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

latin="U+0020-007E,U+00A0-017F,U+0192,U+0218-021B,U+02BB-02BC,U+02C6-02DD,U+2009-200B,U+2010-2027,U+202F-2030,U+2032-2033,U+2039-203A,U+2044,U+20AC,U+20BD,U+2122,U+2190-2193,U+2212,U+2264-2265,U+FFFD"
cyrillic="U+0400-045F,U+0490-0491,U+04D8-04D9,U+04E8-04E9,U+2116"
arabic="U+0600-06FF,U+200C-200F,U+2066-2069"
# Shaping features only: Arabic joins and marks, kerning, ligatures.
features="kern,liga,clig,calt,ccmp,locl,mark,mkmk,init,medi,fina,isol,rlig,curs"

sub() { # source, unicodes, output
	pyftsubset "$1" --unicodes="$2" --layout-features="$features" --no-hinting \
		--flavor=woff2 --output-file="$here/$3"
}
for w in Regular Bold; do
	lw=$(echo "$w" | tr 'A-Z' 'a-z')
	sub "$core/NotoSans-$w.ttf" "$latin" "sans-latin-$lw.woff2"
	sub "$core/NotoSans-$w.ttf" "$cyrillic" "sans-cyrillic-$lw.woff2"
	sub "$core/NotoSansArabic-$w.ttf" "$arabic" "sans-arabic-$lw.woff2"
done

chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
(cd "$root" && go run ./generator/internal/fonts/cjkchars) > "$chars"
# Font 2 of the collection is Noto Sans CJK SC.
pyftsubset "$cjk" --font-number=2 --text-file="$chars" --layout-features="kern,locl" \
	--no-hinting --flavor=woff2 --output-file="$here/sans-cjk-regular.woff2"
