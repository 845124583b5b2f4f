#!/bin/bash
# Captures real iptables LOG lines: a client netns calls a server netns over a veth pair.
set -u
old=$(sysctl -n net.netfilter.nf_log_all_netns)
cleanup() {
  ip netns del netiso-cap-srv 2>/dev/null
  ip netns del netiso-cap-cli 2>/dev/null
  sysctl -qw net.netfilter.nf_log_all_netns="$old"
}
trap cleanup EXIT
sysctl -qw net.netfilter.nf_log_all_netns=1
ip netns add netiso-cap-srv
ip netns add netiso-cap-cli
ip link add netiso-cap0 type veth peer name netiso-cap1
ip link set netiso-cap0 netns netiso-cap-cli
ip link set netiso-cap1 netns netiso-cap-srv
ip -n netiso-cap-cli addr add 10.99.0.1/24 dev netiso-cap0
ip -n netiso-cap-srv addr add 10.99.0.2/24 dev netiso-cap1
for ns in netiso-cap-cli netiso-cap-srv; do ip -n $ns link set lo up; done
ip -n netiso-cap-cli link set netiso-cap0 up
ip -n netiso-cap-srv link set netiso-cap1 up
ip netns exec netiso-cap-srv iptables -A INPUT -p tcp --dport 9 -j LOG --log-prefix "calico-packet: "
ip netns exec netiso-cap-srv iptables -A INPUT -p udp --dport 9 -j LOG --log-prefix "calico-packet: "
ip netns exec netiso-cap-srv iptables -A INPUT -p icmp -j LOG --log-prefix "calico-packet: "
sleep 1
ip netns exec netiso-cap-cli timeout 3 bash -c 'exec 3<>/dev/tcp/10.99.0.2/9' 2>/dev/null
ip netns exec netiso-cap-cli timeout 3 bash -c 'echo hi > /dev/udp/10.99.0.2/9' 2>/dev/null
ip netns exec netiso-cap-cli python3 -c "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); s.sendto(bytes([8,0,0xf7,0xfe,0,1,0,0]), (\"10.99.0.2\", 0))"
sleep 0.5
dmesg | grep 'calico-packet' | tail -n 20 > dmesg.txt
dmesg -T | grep 'calico-packet' | tail -n 20 > dmesg-T.txt
dmesg --time-format iso | grep 'calico-packet' | tail -n 20 > dmesg-iso.txt
