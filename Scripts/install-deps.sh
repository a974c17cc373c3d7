#!/usr/bin/env bash
# Installs the Debian packages the project builds against, if any is missing (run as root).
#   libopenblas-dev  BLAS/LAPACK (sgemm, least squares)
#   libcairo2-dev    figures (PNG, SVG, PDF)
#   zlib1g-dev       reading .gz datasets
#   libsymspg-dev    spglib: symmetry for the orbital field matrix
#   pkg-config       lets SwiftPM find the above
#   gnuplot-nox      the tests re-draw each figure from its CSV with gnuplot
#   slurm-wlm munge  the cluster end-to-end test starts a single-node Slurm cluster (no service is
#                    started here; Scripts/slurm/local-cluster.sh starts and stops its own daemons)
#   python3-nbformat jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib
#                    CI only, after the Swift tests: Scripts/check-notebook.sh validates
#                    Reports/report.ipynb and executes its cells headless (the Swift tests need no Python)
set -euo pipefail
pkgs=(libopenblas-dev libcairo2-dev zlib1g-dev libsymspg-dev pkg-config gnuplot-nox slurm-wlm munge
      python3-nbformat jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
