#!/usr/bin/env bash
# Takes the README's screenshots of the example site with headless Chromium (Debian packages
# chromium and fonts-noto-cjk). Run from anywhere: bash docs/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=18765
cargo build --release --quiet
target/release/bulletin serve --port "$port" > /dev/null &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done

shoot() { # shoot NAME PATH WIDTH HEIGHT
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size="$3,$4" \
    --screenshot="docs/screenshots/$1.png" "http://127.0.0.1:$port/$2" 2> /dev/null
}
shoot home-hans hans/ 1100 900
shoot item-hant hant/2022/03/chuangjian-banhui-bushu-jianghua/ 1100 900
shoot disclosure-hans hans/disclosure/ 1100 600
# A short page, so that the footer's government marks (主办单位, 网站标识码, 备案号) are in view.
shoot contact-hans hans/contact/ 1100 820
# An edition of the periodical (简报), and the first page of the PDF the build prints of it.
shoot edition-hans hans/editions/2023/1/ 1100 1000
pdfs=$(mktemp -d)
target/release/bulletin build --output "$pdfs/public" --pdf > /dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdfs/public/hant/editions/2023/1/2023-1.pdf" docs/screenshots/edition-pdf-hant
rm -rf "$pdfs"
# An item with a photo, its caption and the 附件 list (docs/photo-example, a one-item site).
target/release/bulletin serve --root docs/photo-example --port "$((port + 1))" > /dev/null &
photos=$!
trap 'kill $server $photos' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$((port + 1))/" && break; sleep 0.2; done
port=$((port + 1)) shoot item-photos-hans hans/2024/04/hangtian-kepu/ 1100 1250
# The search page needs its results, which come after the page loads: WebDriver waits for them.
cargo test --quiet --test search -- --ignored screenshot_of_the_search_page > /dev/null
