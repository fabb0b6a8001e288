#!/usr/bin/env bash
# `npm test`: provisions the test host when it can, then every check and suite, in order of cost.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "provision: engine, test image, chromium"
bash scripts/provision-test-host.sh

step "typecheck"
npx tsc -p tsconfig.json --noEmit

step "lint: layering rules and import cycles"
npx eslint .
node scripts/check-cycles.mjs

step "build: renderer and electron bundles"
npm run --silent build

step "unit and integration tests (vitest, real engine)"
mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

step "end-to-end tests (Playwright, Chromium, web host, real engine)"
npx playwright test -c e2e/playwright.config.ts --reporter=list 2>&1 | tee test-results/e2e.log
e2e_status=${PIPESTATUS[0]}

step "summary"
node scripts/summarise-tests.mjs test-results/vitest.json test-results/e2e.log
exit "$e2e_status"
