#!/usr/bin/env sh
# Builds the Teams app package (manifest.json + icons) for sideloading or the Teams admin centre.
#   BOT_DOMAIN=<public host of the bot> manifest/teams/package.sh [out.zip]
# The app id is read as the bot reads it: Teams__AppId, then Teams:AppId in appsettings.json at the
# repository root, then TEAMS_APP_ID, then MICROSOFT_APP_ID; the first one set wins. Needs zip.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
settings="$here/../../appsettings.json"

# Teams:AppId from appsettings.json: the "AppId" inside the top-level "Teams" object, if not empty.
settings_app_id() {
  [ -f "$settings" ] || return 0
  awk '
    /"Teams"[[:space:]]*:[[:space:]]*\{/ { inside = 1; next }
    inside && /^[[:space:]]*\}/ { exit }
    inside && match($0, /"AppId"[[:space:]]*:[[:space:]]*"[^"]*"/) {
      value = substr($0, RSTART, RLENGTH)
      sub(/^"AppId"[[:space:]]*:[[:space:]]*"/, "", value)
      sub(/"$/, "", value)
      print value
      exit
    }
  ' "$settings"
}

app_id=${Teams__AppId:-}
[ -n "$app_id" ] || app_id=$(settings_app_id)
[ -n "$app_id" ] || app_id=${TEAMS_APP_ID:-${MICROSOFT_APP_ID:-}}
domain=${BOT_DOMAIN:-}
out=${1:-"$here/productops-teams.zip"}

# zip runs inside a temporary folder: a relative path is taken from where the script was called.
case "$out" in
  /*) ;;
  *) out="$(pwd)/$out" ;;
esac

if ! command -v zip >/dev/null 2>&1; then
  echo "This script needs zip (Debian/Ubuntu: apt-get install zip)." >&2
  exit 2
fi
if [ -z "$app_id" ] || [ -z "$domain" ]; then
  echo "Set TEAMS_APP_ID (the bot's Microsoft App ID, or Teams:AppId in appsettings.json) and BOT_DOMAIN (its public host name, e.g. productops.example.com)." >&2
  exit 2
fi
case "$app_id" in
  ????????-????-????-????-????????????) ;;
  *) echo "The app id ($app_id) must be a GUID like 00000000-0000-0000-0000-000000000000." >&2; exit 2 ;;
esac
domain=${domain#https://}
domain=${domain%%/*}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s/{{TEAMS_APP_ID}}/$app_id/g" -e "s/{{BOT_DOMAIN}}/$domain/g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
(cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
echo "Built $out for app $app_id on $domain"
