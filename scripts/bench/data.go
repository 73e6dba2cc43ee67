package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/userfile"
)

// prepareCommand runs the bench binary as the child that writes the data (see prepareData).
const prepareCommand = "prepare"

// prepared is what the child reports on stdout.
type prepared struct {
	Chunks                 []string
	Update, Create, Delete int
}

// runPrepare is the child: it writes the create bodies and the desired state of the sync from
// the export and prints a prepared object.
func runPrepare(args []string) error {
	fs := flag.NewFlagSet(prepareCommand, flag.ContinueOnError)
	users := fs.Int("users", 0, "users the export must hold")
	export := fs.String("export", "", "the export (CSV)")
	chunks := fs.String("chunks", "", "directory for the create bodies")
	desired := fs.String("desired", "", "file for the desired state of the sync")
	if err := fs.Parse(args); err != nil {
		return err
	}
	header, rows, err := readCSV(*export)
	if err != nil {
		return err
	}
	if len(rows) != *users {
		return fmt.Errorf("the export has %d users, want %d", len(rows), *users)
	}
	var p prepared
	if p.Chunks, err = writeChunks(*export, *chunks); err != nil {
		return err
	}
	state, n, err := changeOnePercent(header, rows)
	if err != nil {
		return err
	}
	p.Update, p.Create, p.Delete = n.update, n.create, n.delete
	if err := writeCSV(*desired, header, state); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(p)
}

// chunkSize is the users per request of both sides of the create comparison: the API's limit
// and ecctl's default.
const chunkSize = 1000

// writeChunks writes the users of a CSV file as the JSON bodies of the create requests, one
// file per 1000 users, encoded exactly as ecctl encodes them, and returns the file names.
func writeChunks(csvPath, dir string) ([]string, error) {
	f, err := os.Open(csvPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	records, err := userfile.Read(f, csvPath, userfile.ModeCreate)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var files []string
	for lo := 0; lo < len(records); lo += chunkSize {
		chunk := make([]gen.UserCreate, 0, chunkSize)
		for _, rec := range records[lo:min(lo+chunkSize, len(records))] {
			chunk = append(chunk, rec.Create())
		}
		body, err := json.Marshal(chunk)
		if err != nil {
			return nil, err
		}
		name := filepath.Join(dir, fmt.Sprintf("chunk-%04d.json", lo/chunkSize))
		if err := os.WriteFile(name, body, 0o644); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	return files, nil
}

// readCSV reads a CSV file written by `ecctl users list -o csv`: header and rows.
func readCSV(path string) (header []string, rows [][]string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(all) == 0 {
		return nil, nil, fmt.Errorf("%s: empty", path)
	}
	return all[0], all[1:], nil
}

func writeCSV(path string, header []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(header); err != nil {
		f.Close()
		return err
	}
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncChanges is what one 1% sync changes per 100 users: every 100th user is touched, and of
// five touched users three are updated, one is deleted and one new user is created.
type syncChanges struct{ update, create, delete int }

// changeOnePercent returns the rows of a desired state that differs from rows (an export) in
// 1% of the users: 0.6% updated (another department), 0.2% deleted (left out, for --prune)
// and 0.2% created (new addresses). The file keeps the export's number of users.
func changeOnePercent(header []string, rows [][]string) ([][]string, syncChanges, error) {
	col := func(name string) int { return slices.Index(header, name) }
	user, dept := col("user"), col("department")
	status := []int{col("activation"), col("access"), col("failover")}
	if user < 0 || dept < 0 || slices.Contains(status, -1) {
		return nil, syncChanges{}, fmt.Errorf("the export lacks ecctl's columns: %v", header)
	}
	var n syncChanges
	out := make([][]string, 0, len(rows))
	for i, r := range rows {
		if i%100 != 0 {
			out = append(out, r)
			continue
		}
		switch (i / 100) % 5 {
		case 0, 1, 2:
			r = slices.Clone(r)
			r[dept] = fmt.Sprintf("Bench %d", i)
			out = append(out, r)
			n.update++
		case 3:
			n.delete++
		case 4:
			out = append(out, r)
			nu := slices.Clone(r)
			nu[user] = fmt.Sprintf("bench.new.%06d@bench.example", i)
			for _, c := range status {
				nu[c] = "false"
			}
			out = append(out, nu)
			n.create++
		}
	}
	return out, n, nil
}
