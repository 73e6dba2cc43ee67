package change

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
	"github.com/ecctl/ecctl/internal/userfile"
)

// plannedRequest is one request of a dry run, as -o json/yaml show it.
type plannedRequest struct {
	Method string `json:"method"`
	// Path is relative to the API endpoint, with the query if there is one.
	Path  string `json:"path"`
	Count int    `json:"count"`
	// Body is the request body exactly as it would be sent (absent for DELETE of one user).
	Body any `json:"body,omitempty"`
}

// dryRunDoc is the -o json/yaml output of --dry-run.
type dryRunDoc struct {
	DryRun   bool             `json:"dryRun"`
	Customer string           `json:"customer"`
	Count    int              `json:"count"`
	Requests []plannedRequest `json:"requests"`
}

// DryRun prints what the job would send and sends nothing: with the table format a line per
// user (request, operation, user, the fields set) on stdout and a summary on stderr; with
// json/jsonl/yaml the requests with their bodies; with csv the table's rows.
func DryRun(f *cmdutil.Factory, job Job) error {
	chunks, err := bulk.Plan(job.Bulk.Options(), job.Batches...)
	if err != nil {
		return cmdutil.UsageError(err)
	}
	doc := dryRunDoc{DryRun: true, Customer: job.Customer, Count: requested(job.Batches), Requests: []plannedRequest{}}
	for _, ch := range chunks {
		method, path, body := ch.Request(job.Customer)
		doc.Requests = append(doc.Requests, plannedRequest{Method: method, Path: path, Count: len(ch.Users), Body: body})
	}
	if job.Format == output.Table {
		fmt.Fprintf(f.IOStreams.ErrOut, "Dry run: %s; nothing was sent.\n", planSummary(job, chunks))
	}
	return output.Print(f.IOStreams.Out, job.Format, doc, func() ([]string, [][]string) {
		headers, rows := plannedRows(job.Customer, chunks)
		if job.Format == output.Table {
			for i, h := range headers {
				headers[i] = strings.ToUpper(h) // tables for people shout their headers; CSV keeps names
			}
		}
		return headers, rows
	})
}

// planSummary says in words what would be sent: "would create 3 users of 44444 in 2
// requests (PUT /44444, at most 2 users each)".
func planSummary(job Job, chunks []bulk.Chunk) string {
	n := requested(job.Batches)
	var verbs []string
	for _, b := range job.Batches {
		if v := b.Kind().String(); !slices.Contains(verbs, v) {
			verbs = append(verbs, v)
		}
	}
	s := fmt.Sprintf("would %s %d %s of %s", strings.Join(verbs, "/"), n, plural(n, "user", "users"), job.Customer)
	if len(chunks) == 0 {
		return s
	}
	method, path, _ := chunks[0].Request(job.Customer)
	if len(chunks) == 1 {
		return fmt.Sprintf("%s in 1 request (%s %s)", s, method, path)
	}
	largest := 0
	for _, ch := range chunks {
		largest = max(largest, len(ch.Users))
	}
	return fmt.Sprintf("%s in %d requests (%s %s, at most %d users each)", s, len(chunks), method, path, largest)
}

// plannedRows is the dry run as a table: one row per user.
func plannedRows(customer string, chunks []bulk.Chunk) ([]string, [][]string) {
	headers := []string{"request", "operation", "user", "fields"}
	var rows [][]string
	for _, ch := range chunks {
		_, _, body := ch.Request(customer)
		fields := itemFields(body, len(ch.Users))
		for i, u := range ch.Users {
			rows = append(rows, []string{strconv.Itoa(ch.Seq), ch.Kind.String(), u, output.OrDash(fields[i])})
		}
	}
	return headers, rows
}

// itemFields lists, per user of a request body, the fields it sets, in the CSV column order;
// a field set to null reads "phone (clear)".
func itemFields(body any, n int) []string {
	out := make([]string, n)
	switch b := body.(type) {
	case []gen.UserCreate:
		for i := range b {
			out[i] = fieldList(b[i])
		}
	case []gen.UserUpdate:
		for i := range b {
			out[i] = fieldList(b[i])
		}
	case gen.UserPatch:
		out[0] = fieldList(b)
	}
	return out
}

func fieldList(item any) string {
	data, err := json.Marshal(item)
	if err != nil {
		return ""
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return ""
	}
	var names []string
	for _, col := range userfile.Columns {
		v, ok := fields[col]
		if !ok || col == "user" {
			continue
		}
		if string(v) == "null" {
			names = append(names, col+" (clear)")
		} else {
			names = append(names, col)
		}
	}
	return strings.Join(names, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
