package change

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/userfile"
)

// ReadFile reads the users of -f PATH ("-" is stdin) for mode and validates every record.
// Problems with the content come back as the *userfile.Error listing all of them with their
// line numbers (exit 2; a file without users is one of them); a file that cannot be opened is a usage error too. Valid values worth
// a word (languages the vendor does not document) are warned about on stderr.
func ReadFile(f *cmdutil.Factory, path string, mode userfile.Mode) ([]userfile.Record, error) {
	var (
		r      io.Reader
		source = path
	)
	if path == "-" {
		r, source = f.IOStreams.In, "stdin"
	} else {
		file, err := os.Open(path)
		if err != nil {
			return nil, cmdutil.UsageError(fmt.Errorf("reading the users: %w", err))
		}
		defer file.Close()
		r = file
	}
	records, err := userfile.Read(r, source, mode)
	if err != nil {
		var fe *userfile.Error
		if errors.As(err, &fe) {
			return nil, err
		}
		return nil, cmdutil.UsageError(fmt.Errorf("reading the users from %s: %w", source, err))
	}
	for _, p := range userfile.Warnings(records) {
		f.Warnf("%s: %s", source, p)
	}
	return records, nil
}

// Addresses are the users of the records, in file order.
func Addresses(records []userfile.Record) []string {
	users := make([]string, len(records))
	for i, rec := range records {
		users[i] = rec.User.User
	}
	return users
}
