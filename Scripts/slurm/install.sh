#!/usr/bin/env bash
# Installs what the Slurm end-to-end test (Tests/EndToEndTests/SlurmEndToEndTests.swift) needs:
# Debian's Slurm 22.05 (slurmctld, slurmd, sbatch, squeue, scancel) and munge. Run as root on
# Debian/Ubuntu (CI). Idempotent. Nothing is started here: Scripts/slurm/local-cluster.sh starts and
# stops a private single-node cluster for the test; the packages' own services are not enabled.
set -euo pipefail
if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
  echo "slurm-wlm and munge already installed"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends slurm-wlm munge
