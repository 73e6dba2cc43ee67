package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// passwordCommandWaitDelay bounds how long Password waits for the output of
// a password-command whose shell has exited but left a child holding stdout
// open (or that ignores cancellation).
const passwordCommandWaitDelay = 2 * time.Second

// Password returns the API password and where it came from: ECCTL_PASSWORD,
// else the profile's password-command, else the profile's password. It is
// called lazily, by commands that talk to the API, so that help, completion
// and `config` never run a password manager. No password anywhere is not an
// error: the result is "" with a SourceNone source, and the caller decides.
func (c *Config) Password(ctx context.Context) (string, Source, error) {
	if pw := c.getenv("ECCTL_PASSWORD"); pw != "" {
		return pw, Source{Kind: SourceEnv, Name: "ECCTL_PASSWORD"}, nil
	}
	if err := c.requireProfile(); err != nil {
		return "", Source{}, err
	}
	if command, ok := c.stored(KeyPasswordCommand); ok {
		pw, err := c.runPasswordCommand(ctx, command)
		if err != nil {
			return "", Source{}, err
		}
		return pw, Source{Kind: SourcePasswordCommand, Name: c.profile}, nil
	}
	if pw, ok := c.stored(KeyPassword); ok {
		return pw, c.profileKeySource(), nil
	}
	return "", Source{Kind: SourceNone}, nil
}

// runPasswordCommand runs command with `sh -c` and returns the first line of
// its standard output, trimmed. Errors name the profile, never the command
// (`echo s3cret` is a valid, if unwise, password-command) nor its output.
// PasswordCommandTimeout bounds a password-command, so that a command waiting for input it
// will never get (it has no stdin) cannot hang ecctl. A password manager asking for a
// passphrase through its own window has this long.
const PasswordCommandTimeout = time.Minute

func (c *Config) runPasswordCommand(ctx context.Context, command string) (string, error) {
	parent := ctx
	limit := c.passwordTimeout
	if limit == 0 {
		limit = PasswordCommandTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	// Passed through so a password manager can say what is wrong.
	cmd.Stderr = c.stderr
	// cmd.Stdin stays nil (the null device): ecctl's own stdin may carry a
	// user file (-f -) that the command must not swallow.
	cmd.WaitDelay = passwordCommandWaitDelay

	if err := cmd.Run(); err != nil {
		if parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", fmt.Errorf("password-command of profile %q did not finish within %s", c.profile, limit)
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return "", fmt.Errorf("password-command of profile %q: %w", c.profile, ctxErr)
		}
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", fmt.Errorf("password-command of profile %q failed: %s", c.profile, exitErr.ProcessState)
		}
		return "", fmt.Errorf("password-command of profile %q could not run: %w", c.profile, err)
	}
	line, _, _ := strings.Cut(stdout.String(), "\n")
	pw := strings.TrimSpace(line)
	if pw == "" {
		return "", fmt.Errorf("password-command of profile %q printed no password", c.profile)
	}
	return pw, nil
}
