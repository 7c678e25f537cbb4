#!/usr/bin/env bash
# Throughput of ikescope against tshark on two captures built from many-peers.pcap (fresh cookies
# per copy, so every copy is a distinct IKE SA), JVM start included, each pair run back to back:
#   SPAN-like: 99 ESP frames after each IKE frame (default 610 rounds: about 5 million frames, 1.8 GB);
#   IKE-only:  the IKE frames alone (default 2000 rounds: 204,000 frames).
# Prints seconds, frames/s and the ratio to the tshark run it is compared with, and the load average.
# Usage: benchmarks/compare-tshark.sh [SPAN_ROUNDS] [IKE_ROUNDS]
#   env JAVA_JAR=1: also `java -jar` the same jar, without the launcher's flags (C1 only, class-data archive);
#   env BASELINE_JAR=path: also `java -jar` another build (e.g. main's) right after, for a before/after.
set -euo pipefail
cd "$(dirname "$0")/.."
span_rounds="${1:-610}"
ike_rounds="${2:-2000}"
[ -f benchmarks/target/benchmarks.jar ] && [ -f analyzer/target/ikescope.jar ] || mvn -q -DskipTests install
command -v tshark >/dev/null || { echo "tshark not found" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
gen() { java -cp benchmarks/target/benchmarks.jar org.ikescope.dissector.pipeline.RepeatCapture "$@"; }
span_frames=$(gen --span "$tmp/span.pcap" "$span_rounds")
ike_frames=$(gen --ike "$tmp/ike.pcap" "$ike_rounds")
fields=(-T fields -e frame.number -e isakmp.ispi -e isakmp.rspi -e isakmp.exchangetype -e isakmp.nextpayload
        -e isakmp.version -e isakmp.messageid -e isakmp.length)
# Both written out (a 1.7 GB file still being written back slows the first runs) and in the page
# cache before the first run.
sync
cat "$tmp"/*.pcap > /dev/null
./ikescope analyze samples/mm-pskmismatch.pcap > /dev/null # the launcher writes its class-data archive once per build
secs() { # command... ; prints the wall time in seconds
  local s e
  s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'
}
also() { # label frames tshark-seconds ikescope-seconds
  awk -v l="$1" -v f="$2" -v t="$3" -v i="$4" 'BEGIN { printf "%-34s %8.2f s %10.0f frames/s | ratio %6.2f\n", l, i, f / i, t / i }'
}
pair() { # label frames tshark-label "tshark args" -- ikescope args
  local label=$1 frames=$2 tlabel=$3 targs=$4; shift 5
  local load t i
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  # shellcheck disable=SC2086
  t=$(secs tshark -r $targs)
  i=$(secs ./ikescope "$@")
  awk -v l="$label" -v tl="$tlabel" -v f="$frames" -v t="$t" -v i="$i" -v load="$load" 'BEGIN {
    printf "%-34s %8.2f s %10.0f frames/s | %-26s %8.2f s %9.0f frames/s | ratio %6.2f | load %s\n",
      l, i, f / i, tl, t, f / t, t / i, load }'
  if [ "${JAVA_JAR:-0}" = 1 ]; then
    i=$(secs java -jar analyzer/target/ikescope.jar "$@")
    also "  java -jar (no launcher flags)" "$frames" "$t" "$i"
  fi
  if [ -n "${BASELINE_JAR:-}" ]; then
    i=$(secs java -jar "$BASELINE_JAR" "$@")
    also "  baseline: java -jar $(basename "$BASELINE_JAR")" "$frames" "$t" "$i"
  fi
}
echo "SPAN-like: $span_frames frames, $(du -h "$tmp/span.pcap" | cut -f1); IKE-only: $ike_frames frames, $(du -h "$tmp/ike.pcap" | cut -f1); $(nproc) cores"
pair "SPAN analyze --format json" "$span_frames" "-Y isakmp -T fields (8)" "$tmp/span.pcap -Y isakmp ${fields[*]}" -- analyze --format json "$tmp/span.pcap"
pair "IKE-only analyze --format json" "$ike_frames" "-Y isakmp -T fields (8)" "$tmp/ike.pcap -Y isakmp ${fields[*]}" -- analyze --format json "$tmp/ike.pcap"
pair "IKE-only analyze (text)" "$ike_frames" "-Y isakmp -T fields (8)" "$tmp/ike.pcap -Y isakmp ${fields[*]}" -- analyze "$tmp/ike.pcap"
pair "IKE-only dissect --format jsonl" "$ike_frames" "-Y isakmp -T ek" "$tmp/ike.pcap -Y isakmp -T ek" -- dissect --format jsonl "$tmp/ike.pcap"
