#!/usr/bin/env bash
# Throughput of `ikescope dissect` and `ikescope analyze` against tshark on the same large capture
# (many-peers.pcap's 102 frames repeated, JVM start included).
# Usage: benchmarks/compare-tshark.sh [REPEAT]   (default 2000 = 204,000 frames)
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-2000}"
[ -f benchmarks/target/benchmarks.jar ] && [ -f analyzer/target/ikescope.jar ] || mvn -q -DskipTests install
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
frames=$(java -cp benchmarks/target/benchmarks.jar org.ikescope.dissector.pipeline.RepeatCapture "$tmp/big.pcap" "$repeat")
echo "capture: $frames frames, $(du -h "$tmp/big.pcap" | cut -f1)"
run() { # name command...
  local name=$1; shift
  local s e
  s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N)
  awk -v n="$name" -v s="$s" -v e="$e" -v f="$frames" 'BEGIN { t = e - s; printf "%-38s %7.2f s  %10.0f frames/s\n", n, t, f / t }'
}
run "ikescope dissect --format jsonl" java -jar analyzer/target/ikescope.jar dissect --format jsonl "$tmp/big.pcap"
run "ikescope dissect (text)" java -jar analyzer/target/ikescope.jar dissect "$tmp/big.pcap"
run "ikescope analyze --format json" java -jar analyzer/target/ikescope.jar analyze --format json "$tmp/big.pcap"
run "ikescope analyze (text)" java -jar analyzer/target/ikescope.jar analyze "$tmp/big.pcap"
if command -v tshark >/dev/null; then
  run "tshark -Y isakmp -T fields (5 fields)" tshark -r "$tmp/big.pcap" -Y isakmp -T fields -e frame.number -e isakmp.ispi -e isakmp.rspi -e isakmp.exchangetype -e isakmp.typepayload
  run "tshark -Y isakmp -T ek" tshark -r "$tmp/big.pcap" -Y isakmp -T ek
fi
