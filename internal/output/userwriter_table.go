package output

import (
	"bufio"
	"fmt"
	"io"

	"github.com/ecctl/ecctl/gen"
)

// tableBatchSize is how many rows the table writer holds before printing them. A list of
// up to this many users is one perfectly aligned table; longer lists are printed in blocks
// of this size under one header, with column widths that only ever grow.
const tableBatchSize = 500

// tableUserWriter streams users as a table: it keeps one block of rows and the running
// column widths, never the whole list.
type tableUserWriter struct {
	out        *bufio.Writer
	batchSize  int
	rows       [][]string
	widths     []int
	headerDone bool
	err        error
	closed     bool
}

func newTableUserWriter(w io.Writer, batchSize int) *tableUserWriter {
	return &tableUserWriter{
		out:       bufio.NewWriterSize(w, bufferSize),
		batchSize: batchSize,
		rows:      make([][]string, 0, batchSize),
	}
}

func (t *tableUserWriter) Write(u gen.User) error {
	if t.closed {
		return errClosed
	}
	if t.err != nil {
		return t.err
	}
	t.rows = append(t.rows, sanitizeRow(userTableRow(u)))
	if len(t.rows) >= t.batchSize {
		t.err = t.flushRows()
	}
	return t.err
}

// Close prints the rows still held. An empty list prints the header alone, so the
// output still says what was listed.
func (t *tableUserWriter) Close() error {
	if t.closed {
		return t.err
	}
	t.closed = true
	if t.err != nil {
		return t.err
	}
	if len(t.rows) > 0 || !t.headerDone {
		t.err = t.flushRows()
	}
	return t.err
}

// flushRows prints the held rows (with the header the first time) and forgets them.
func (t *tableUserWriter) flushRows() error {
	var header []string
	if !t.headerDone {
		header = userTableHeader()
	}
	t.widths = growWidths(t.widths, header, t.rows)
	if err := renderTable(t.out, t.widths, header, t.rows); err != nil {
		return fmt.Errorf("write user table: %w", err)
	}
	t.headerDone = true
	clear(t.rows) // drop the references so the rows can be collected
	t.rows = t.rows[:0]
	if err := t.out.Flush(); err != nil {
		return fmt.Errorf("write user table: %w", err)
	}
	return nil
}
