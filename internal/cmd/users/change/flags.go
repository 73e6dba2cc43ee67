package change

import (
	"github.com/spf13/cobra"

	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmdutil"
)

// BulkFlags are --chunk-size and --concurrency.
type BulkFlags struct {
	ChunkSize   int
	Concurrency int
}

// AddBulkFlags registers --chunk-size and --concurrency on cmd.
func AddBulkFlags(cmd *cobra.Command, bf *BulkFlags) {
	fl := cmd.Flags()
	fl.IntVar(&bf.ChunkSize, "chunk-size", bulk.DefaultChunkSize, "`N` users per request (1-1000; the API takes at most 1000)")
	fl.IntVar(&bf.Concurrency, "concurrency", bulk.DefaultConcurrency, "`N` requests sent in parallel (1-16)")
	noValues := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	_ = cmd.RegisterFlagCompletionFunc("chunk-size", noValues)
	_ = cmd.RegisterFlagCompletionFunc("concurrency", noValues)
}

// Check validates the values (exit 2).
func (bf BulkFlags) Check() error {
	if err := bulk.CheckChunkSize(bf.ChunkSize); err != nil {
		return cmdutil.UsageErrorf("--chunk-size: %v", err)
	}
	if err := bulk.CheckConcurrency(bf.Concurrency); err != nil {
		return cmdutil.UsageErrorf("--concurrency: %v", err)
	}
	return nil
}

// Options are the bulk.Options the flags describe.
func (bf BulkFlags) Options() bulk.Options {
	return bulk.Options{ChunkSize: bf.ChunkSize, Concurrency: bf.Concurrency}
}

// AddFileFlag registers -f/--file, completed with user-file names.
func AddFileFlag(cmd *cobra.Command, path *string, usage string) {
	cmd.Flags().StringVarP(path, "file", "f", "", usage)
	_ = cmd.RegisterFlagCompletionFunc("file", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"csv", "json", "jsonl", "txt"}, cobra.ShellCompDirectiveFilterFileExt
	})
}

// NoArgCompletion completes no positional arguments (they are addresses and a customer
// number, which completion cannot know without asking the API).
func NoArgCompletion(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}
