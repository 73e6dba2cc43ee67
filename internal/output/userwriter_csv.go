package output

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/ecctl/ecctl/gen"
)

// csvUserWriter streams users as CSV: a header row, then one row per user. The columns
// and cells are userfile's (Columns, Row), so the file can be edited and read back with
// -f; cells are written unchanged (no sanitising) for the same reason.
type csvUserWriter struct {
	out    *csv.Writer
	header []string
	row    func(gen.User) []string
	n      int
	err    error
	closed bool
}

func newCSVUserWriter(w io.Writer, header []string, row func(gen.User) []string) *csvUserWriter {
	return &csvUserWriter{out: csv.NewWriter(w), header: header, row: row}
}

func (c *csvUserWriter) Write(u gen.User) error {
	if c.closed {
		return errClosed
	}
	if c.err != nil {
		return c.err
	}
	if c.n == 0 {
		if err := c.out.Write(c.header); err != nil {
			c.err = fmt.Errorf("write CSV header: %w", err)
			return c.err
		}
	}
	if err := c.out.Write(c.row(u)); err != nil {
		c.err = fmt.Errorf("write user %q: %w", u.User, err)
		return c.err
	}
	c.n++
	return nil
}

// Close writes the header if no user was written (an empty list is a valid file to edit)
// and flushes.
func (c *csvUserWriter) Close() error {
	if c.closed {
		return c.err
	}
	c.closed = true
	if c.err != nil {
		return c.err
	}
	if c.n == 0 {
		if err := c.out.Write(c.header); err != nil {
			c.err = fmt.Errorf("write CSV header: %w", err)
			return c.err
		}
	}
	c.out.Flush()
	if err := c.out.Error(); err != nil {
		c.err = fmt.Errorf("write CSV: %w", err)
	}
	return c.err
}
