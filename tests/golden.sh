#!/bin/sh
echo "1..0 # SKIP golden tests not written yet"
