// Package cmdtest is the test fixture of the command packages (internal/cmd/...): a
// cmdutil.Factory with buffer streams, an environment of its own in which nothing from the
// process leaks (HOME is a fresh temporary directory), the root command's global flags, and
// optionally an in-process ecmock on an httptest server.
//
// It is test support: import it only from _test.go files. It is an ordinary package rather
// than a _test.go file so that every command package can share it; TestImportedOnlyByTests
// fails when a non-test file imports it. It must not import internal/cli (cli imports the
// command packages, whose tests import this), which is why ExitCode delegates to
// cmdutil.ExitCodeOf, the mapping cli itself uses.
//
//	e := cmdtest.New(t, cmdtest.WithMock(mock.Options{Seed: 20}), cmdtest.WithOutput("json"))
//	err := e.Run(NewCmd(e.F, nil), "44444", "--group", "emea")
//	if cmdtest.ExitCode(err) != cmdutil.ExitUsage { ... }
//	got := e.Out.String()
package cmdtest
