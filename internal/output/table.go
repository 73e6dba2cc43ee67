package output

import (
	"bytes"
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// columnGap separates table columns; the style is the one of kubectl and gh: no borders,
// no rules, upper-case headers supplied by the caller, left-aligned cells.
const columnGap = "   "

// cellWidth is the display width of a sanitised cell as tablewriter measures it once
// newTable has switched East Asian widths off (ambiguous-width characters are narrow).
// The explicit options keep it independent of the locale tablewriter detects at start.
func cellWidth(s string) int { return twwidth.WidthWithOptions(s, twwidth.Options{}) }

// sanitizeRow sanitises every cell of row in place and returns it.
func sanitizeRow(row []string) []string {
	for i, c := range row {
		row[i] = Sanitize(c)
	}
	return row
}

// growWidths raises widths (one per column, extended as needed) to fit header and rows.
// Widths never shrink, which keeps consecutive blocks of one streamed table aligned.
func growWidths(widths []int, header []string, rows [][]string) []int {
	fit := func(cells []string) {
		for i, c := range cells {
			for len(widths) <= i {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	fit(header)
	for _, r := range rows {
		fit(r)
	}
	return widths
}

// renderTable writes header (omitted when empty) and rows, each column exactly widths[i]
// wide plus the gap, with trailing blanks removed from every line. Cells must already be
// sanitised and no wider than their column, so tablewriter never wraps or truncates.
func renderTable(w io.Writer, widths []int, header []string, rows [][]string) error {
	var buf bytes.Buffer
	t := newTable(&buf, widths)
	if len(header) > 0 {
		t.Header(padCells(header, len(widths)))
	}
	for _, r := range rows {
		if err := t.Append(padCells(r, len(widths))); err != nil {
			return fmt.Errorf("table row: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("render table: %w", err)
	}
	if _, err := w.Write(trimLineEnds(buf.Bytes())); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// newTable configures tablewriter explicitly: its defaults (Unicode borders, upper-cased
// and reformatted headers, wrapping, locale-dependent East Asian widths) would make the
// output differ between versions and machines.
func newTable(w io.Writer, widths []int) *tablewriter.Table {
	gap := len(columnGap)
	fixed := tw.NewMapper[int, int]()
	for i, wd := range widths {
		fixed.Set(i, wd+gap) // tablewriter's column width includes the padding
	}
	section := tw.CellConfig{
		Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNone},
		Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
		Padding:    tw.CellPadding{Global: tw.Padding{Left: "", Right: columnGap, Top: "", Bottom: "", Overwrite: true}},
	}
	return tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders:  tw.BorderNone,
			Symbols:  tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{Lines: tw.LinesNone, Separators: tw.SeparatorsNone},
		})),
		tablewriter.WithConfig(tablewriter.Config{
			Header:   section,
			Row:      section,
			Footer:   section,
			Behavior: tw.Behavior{TrimSpace: tw.On, AutoHide: tw.Off},
		}),
		tablewriter.WithEastAsian(tw.Off),
		// After WithConfig, which replaces the whole configuration including widths.
		tablewriter.WithColumnWidths(fixed),
	)
}

// padCells returns cells extended with empty cells to n columns.
func padCells(cells []string, n int) []string {
	if len(cells) >= n {
		return cells
	}
	out := make([]string, n)
	copy(out, cells)
	return out
}

// trimLineEnds removes the blanks that padding leaves at the end of every line.
func trimLineEnds(b []byte) []byte {
	out := b[:0]
	for len(b) > 0 {
		line, rest, found := bytes.Cut(b, []byte{'\n'})
		out = append(out, bytes.TrimRight(line, " ")...)
		if found {
			out = append(out, '\n')
		}
		b = rest
	}
	return out
}
