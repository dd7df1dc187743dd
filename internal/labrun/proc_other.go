//go:build !unix

package labrun

import "os/exec"

func shellCommand(command string) *exec.Cmd { return exec.Command("cmd", "/C", command) }

// startGroup is not implemented here: without process groups, stopping the
// server could leave what it started running.
func startGroup(*exec.Cmd) error { return ErrUnsupported }

func signalGroup(cmd *exec.Cmd, _ bool) { _ = cmd.Process.Kill() }
