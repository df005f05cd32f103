# Shared by the benchmark scripts: builds Release once and sets paths. Source it from the repository root.
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export SCHAKEL_DATA="${SCHAKEL_DATA:-$(pwd)/../shared/data}"
BENCH=bench/Schakel.Benchmarks/bin/Release/net10.0/Schakel.Benchmarks
SCHAKEL=src/Schakel/bin/Release/net10.0/schakel
WORK="${BENCH_WORK:-$(mktemp -d -t schakel-bench.XXXXXX)}"
[ "${BENCH_NO_BUILD:-}" = 1 ] || dotnet build bench/Schakel.Benchmarks -c Release -v quiet -nologo >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
