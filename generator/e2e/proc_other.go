//go:build !unix

package e2e

import "os/exec"

// Without process groups (Windows), a run signals the process it started;
// `scaffold template test --e2e` there may leave a server's children behind.

func ownProcessGroup(*exec.Cmd) {}

func killGroup(cmd *exec.Cmd, _ bool) error { return cmd.Process.Kill() }

func runAs(*exec.Cmd, uint32, uint32) {}
