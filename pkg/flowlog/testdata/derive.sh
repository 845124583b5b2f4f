#!/bin/bash
# Derives the other readers' forms from the real lines of dmesg.txt and dmesg-iso.txt (see
# README.md): the same messages, the headers journalctl, syslog and kubectl logs put in front.
set -eu
cd "$(dirname "$0")"
rm -f journal-short.txt journal-short-iso.txt kern.log kern-rfc3339.log kubectl-timestamps.txt
paste -d'\t' dmesg.txt dmesg-iso.txt | while IFS=$'\t' read -r rel iso; do
  up=${rel%%]*}; up=${up#[}; msg=${rel#*] }
  ts=${iso%% *}                               # 2026-12-05T19:08:51,838771+00:00
  sec=${ts%%,*}; frac=${ts#*,}; frac=${frac%%+*}
  hms=${sec#*T}
  echo "Dec 05 $hms node-1 kernel: $msg" >> journal-short.txt
  echo "${sec}+00:00 node-1 kernel: $msg" >> journal-short-iso.txt
  echo "Dec  5 $hms node-1 kernel: [$up] $msg" >> kern.log
  echo "${sec}.${frac}+00:00 node-1 kernel: $msg" >> kern-rfc3339.log
  echo "${sec}.${frac}417Z [$up] $msg" >> kubectl-timestamps.txt
done
