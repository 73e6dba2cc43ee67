package userfile

import (
	"bytes"
	"strings"
)

// readPlainList reads one address per line, for delete. Blank lines are skipped; each line is
// trimmed.
func (rd *reader) readPlainList() {
	rd.expectOneRecordPerLine()
	line := 0
	for text := range bytes.Lines(rd.data) {
		line++
		addr := strings.TrimSpace(string(text))
		if addr == "" {
			continue
		}
		d := rd.newDraft(linePos(line), line)
		d.setText("user", addr)
		d.finish()
	}
}
