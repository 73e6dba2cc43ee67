package cmdutil

import (
	"testing"

	"github.com/spf13/cobra"
)

func TestGroupFlagOffersNoFileNames(t *testing.T) {
	cmd := &cobra.Command{Use: "x"}
	var groups []string
	AddGroupFlag(cmd, &groups, "a group")
	complete, ok := cmd.GetFlagCompletionFunc("group")
	if !ok {
		t.Fatal("--group has no completion function")
	}
	if _, directive := complete(cmd, nil, ""); directive != cobra.ShellCompDirectiveNoFileComp {
		t.Fatalf("--group completion directive = %v, want no file completion", directive)
	}
}
