#!/usr/bin/env bash
# Regenerates the README's screenshots: runs the browser journeys (Chromium and chromedriver
# installed, see .ci/run) and copies the workspace pages and the organiser's at 1280 pixels wide
# here.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAVILION_REQUIRE_BROWSER=1 cargo test -p pavilion-tests -- browser::
shots=target/tmp/browser-screenshots/workspace
for page in company-home profile-editor work-editor companies-zh-hans review-zh-hans settings-zh-hant; do
  cp "$shots/$page-1280.png" "docs/screenshots/$page.png"
done
shots=target/tmp/browser-screenshots/market
for page in market market-zh-hans pavilion-home import-report announcement-form; do
  cp "$shots/$page-1280.png" "docs/screenshots/$page.png"
done
echo "docs/screenshots/ refreshed"
