// Command gendocs writes ecctl's command reference as markdown: one file per command into
// docs/cli (ecctl.md is the index), generated with cobra/doc from the same command tree the
// binary runs. `make docs` runs it; scripts/check-generated.sh runs it and fails when the
// committed files differ.
//
// Usage:
//
//	go run ./scripts/gendocs [-dir docs/cli]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/ecctl/ecctl/internal/cli"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/iostreams"
)

func main() {
	dir := flag.String("dir", filepath.Join("docs", "cli"), "directory to write the markdown files to")
	flag.Parse()
	if err := generate(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

// newFactory returns a factory that sees no environment and no terminal, so that neither
// the docs nor the help texts depend on who generates them or where.
func newFactory() (*cmdutil.Factory, *iostreams.IOStreams) {
	ios, _, _, _ := iostreams.Test()
	f := cmdutil.New(ios)
	f.Getenv = func(string) string { return "" }
	return f, ios
}

// newRoot builds ecctl's command tree for documentation.
func newRoot() *cobra.Command {
	f, _ := newFactory()
	root := cli.NewRootCmd(f)
	// cobra/doc would stamp every page with the date it was generated on, so the drift
	// check would fail every day. The flag is per command.
	for _, c := range commands(root) {
		c.DisableAutoGenTag = true
	}
	return root
}

// generate replaces the markdown files in dir with freshly generated ones. Files of
// commands that no longer exist are removed; other files in dir are left alone.
func generate(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stale, err := filepath.Glob(filepath.Join(dir, "ecctl*.md"))
	if err != nil {
		return err
	}
	for _, name := range stale {
		if err := os.Remove(name); err != nil {
			return err
		}
	}
	if err := doc.GenMarkdownTree(newRoot(), dir); err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	return nil
}

// commands returns root and every command below it that a user can run or read help for:
// what cobra/doc documents (no hidden, deprecated or help commands).
func commands(root *cobra.Command) []*cobra.Command {
	all := []*cobra.Command{root}
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		all = append(all, commands(c)...)
	}
	return all
}
