#!/usr/bin/env sh
# Builds the Teams app package (manifest.json + icons) for sideloading or the Teams admin centre.
#   TEAMS_APP_ID=<bot app id> BOT_DOMAIN=<public host of the bot> manifest/teams/package.sh [out.zip]
# The app id is read from TEAMS_APP_ID, MICROSOFT_APP_ID or Teams__AppId, in that order.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=${TEAMS_APP_ID:-${MICROSOFT_APP_ID:-${Teams__AppId:-}}}
domain=${BOT_DOMAIN:-}
out=${1:-"$here/productops-teams.zip"}
if [ -z "$app_id" ] || [ -z "$domain" ]; then
  echo "Set TEAMS_APP_ID (the bot's Microsoft App ID) and BOT_DOMAIN (its public host name, e.g. productops.example.com)." >&2
  exit 2
fi
case "$app_id" in
  ????????-????-????-????-????????????) ;;
  *) echo "TEAMS_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000." >&2; exit 2 ;;
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
