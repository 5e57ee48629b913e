#!/usr/bin/env bash
# The deploy benchmark: a generated site of N items, built once, published on tmpfs
#   - over SSH to a private sshd on loopback (its own keys, config and port, as tests/deploy.rs
#     starts it), against a plain `rsync -a --delete` of the same tree over the same sshd;
#   - to object storage: moto (pip install 'moto[server]') on loopback, against `hugo deploy`
#     of the same tree to the same server, where Hugo is installed;
# each as a first deploy, a deploy with nothing changed, and a deploy after one item's text
# changed (with its rebuild). Prints seconds, files sent and peak memory of each.
#
#   bench/deploy.sh              # N = 10000
#   N=1000 bench/deploy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-10000}
work=/dev/shm/bulletin-deploy
rm -rf "$work"
mkdir -p "$work"
cargo build --release --quiet --example generate_corpus
cargo build --release --quiet
bulletin=$PWD/target/release/bulletin

# Runs a command, prints "seconds peak-MB" and keeps its output in $work/out.
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  awk '{ printf "%s s, %d MB", $1, $2 / 1024 }' "$work/time"
}
# The files a bulletin deploy says it sent, and its own time (the build's left out).
sent() { sed -n 's/.*; \([0-9]*\) files uploaded.*, in \([0-9.]*\) s$/\1 files sent, publishing alone \2 s/p' "$work/out"; }

site=$work/site
target/release/examples/generate_corpus "$n" "$site" > /dev/null
grep -q '^search:' "$site/bulletin.yaml" || printf 'search: false\n' >> "$site/bulletin.yaml"
CI=true "$bulletin" build --root "$site" > /dev/null
files=$(find "$site/public" -type f | wc -l)
echo "site: $n items, $files files, $(du -sh "$site/public" | cut -f1)"
edit() { printf '\n本段为部署基准追加的一句。\n' >> "$(find "$site/content" -name '*.md' | sort | sed -n 1p)"; }

# A private sshd, as the tests start one.
ssh_dir=$work/ssh
mkdir -p "$ssh_dir" /run/sshd
ssh-keygen -q -t ed25519 -N "" -f "$ssh_dir/host_key"
ssh-keygen -q -t ed25519 -N "" -f "$ssh_dir/client_key"
cp "$ssh_dir/client_key.pub" "$ssh_dir/authorized_keys"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=$(id -un)
cat > "$ssh_dir/sshd_config" << EOF
Port $port
ListenAddress 127.0.0.1
HostKey $ssh_dir/host_key
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
AllowUsers $user
EOF
echo "[127.0.0.1]:$port $(cat "$ssh_dir/host_key.pub")" > "$ssh_dir/known_hosts"
printf 'Host *\n  IdentityFile %s\n  UserKnownHostsFile %s\n  StrictHostKeyChecking yes\n' \
  "$ssh_dir/client_key" "$ssh_dir/known_hosts" > "$ssh_dir/ssh_config"
/usr/sbin/sshd -f "$ssh_dir/sshd_config"
trap 'kill "$(cat "$ssh_dir/sshd.pid")" 2> /dev/null || true; [ -n "${moto:-}" ] && kill "$moto" 2> /dev/null || true' EXIT
export BULLETIN_SSH_COMMAND="ssh -F $ssh_dir/ssh_config"
url="ssh://$user@127.0.0.1:$port$work/srv"

echo "== SSH (releases, rsync --checksum --link-dest)"
echo "first deploy:        $(measure env CI=true "$bulletin" deploy "$url" --root "$site"), $(sent)"
echo "nothing changed:     $(measure env CI=true "$bulletin" deploy "$url" --root "$site"), $(sent)"
edit
echo "one item edited:     $(measure env CI=true "$bulletin" deploy "$url" --root "$site"), $(sent)"
plain=$user@127.0.0.1:$work/plain/
echo "plain rsync -a --delete, first: $(measure rsync -a --delete -e "$BULLETIN_SSH_COMMAND -p $port" "$site/public/" "$plain")"
echo "plain rsync -a --delete, again: $(measure rsync -a --delete -e "$BULLETIN_SSH_COMMAND -p $port" "$site/public/" "$plain")"

if python3 -c 'import moto.server' 2> /dev/null; then
  s3_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m moto.server -H 127.0.0.1 -p "$s3_port" > /dev/null 2>&1 &
  moto=$!
  until curl -s "http://127.0.0.1:$s3_port" > /dev/null; do sleep 0.2; done
  curl -s -X PUT "http://127.0.0.1:$s3_port/bench-site" > /dev/null
  curl -s -X PUT "http://127.0.0.1:$s3_port/hugo-site" > /dev/null
  export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
  cat >> "$site/bulletin.yaml" << EOF
deploy:
  cdn: { url: s3://bench-site/www, endpoint: "http://127.0.0.1:$s3_port", region: us-east-1, path_style: true }
EOF
  echo "== object storage (moto on loopback)"
  echo "first deploy:        $(measure env CI=true "$bulletin" deploy cdn --root "$site"), $(sent)"
  echo "nothing changed:     $(measure env CI=true "$bulletin" deploy cdn --root "$site"), $(sent)"
  edit
  echo "one item edited:     $(measure env CI=true "$bulletin" deploy cdn --root "$site"), $(sent)"
  if command -v hugo > /dev/null; then
    hugo_site=$work/hugo-deploy
    mkdir -p "$hugo_site"
    cat > "$hugo_site/hugo.toml" << EOF
publishDir = "$site/public"
[deployment]
[[deployment.targets]]
name = "moto"
URL = "s3://hugo-site?region=us-east-1&endpoint=http://127.0.0.1:$s3_port&s3ForcePathStyle=true&disableSSL=true"
EOF
    echo "hugo deploy, first:  $(cd "$hugo_site" && measure hugo deploy --target moto --maxDeletes -1)"
    echo "hugo deploy, again:  $(cd "$hugo_site" && measure hugo deploy --target moto --maxDeletes -1)"
  fi
fi
