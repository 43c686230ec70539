# Sourced by the benchmarks, from the repository's root: sets BIN, the server to measure.
# PAVILION_BIN names a binary built elsewhere (say, before a change, to compare two builds on
# the same machine in one sitting); otherwise this checkout's release build, built now.
if [ -n "${PAVILION_BIN:-}" ]; then
  BIN=$(realpath "$PAVILION_BIN")
  echo "measuring $BIN"
else
  echo "building the release binary…"
  cargo build --release -q -p pavilion-api
  BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/pavilion
fi
