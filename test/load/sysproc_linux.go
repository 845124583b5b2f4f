package main

import "syscall"

// sysProcAttr kills a server the load test started if the load test dies without stopping it.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
