// Command ecctl manages Retarus Email Continuity from the command line.
package main

import (
	"os"

	"github.com/ecctl/ecctl/internal/cli"
)

func main() { os.Exit(cli.Main()) }
