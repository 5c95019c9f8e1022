#!/usr/bin/env bash
# Starts qself on the embedded default (SQLite under ./data) and stops it on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

export QSELF_DATA_DIR=${QSELF_DATA_DIR:-$PWD/data}
export QSELF_WEB_DIR=${QSELF_WEB_DIR:-$PWD/web/dist}
mkdir -p "$QSELF_DATA_DIR"

echo "qself: data in $QSELF_DATA_DIR — press Ctrl-C to stop"
exec build/qself serve
