#!/usr/bin/env bash
# Long runs of the property tests (*PropertyTest): SCALE times the tries that ./mvnw verify makes
# (100 by default), each property with a fresh seed unless SEED replays one a failure named.
#   scripts/properties.sh                 # 100 x the tries
#   SCALE=1000 scripts/properties.sh      # longer
#   SEED=-6999823845081562052 SCALE=20 scripts/properties.sh   # replay a failure
set -euo pipefail
cd "$(dirname "$0")/.."
args="-Dproperties.scale=${SCALE:-100}"
if [ -n "${SEED:-}" ]; then
  args="$args -Dproperties.seed=$SEED"
fi
exec ./mvnw -q -Dui.skip=true test -Dtest='*PropertyTest' -Dsurefire.failIfNoSpecifiedTests=false -DargLine="$args"
