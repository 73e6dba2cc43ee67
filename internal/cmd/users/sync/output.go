package sync

import (
	"fmt"
	"strings"

	"github.com/ecctl/ecctl/internal/bulk"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
	"github.com/ecctl/ecctl/internal/syncplan"
)

// printer prints the plan and the final document in the output format.
type printer struct {
	f        *cmdutil.Factory
	format   output.Format
	customer string
	plan     *syncplan.Plan
}

// dataFormat reports the formats that print one document (json, jsonl, yaml).
func (p *printer) dataFormat() bool {
	return p.format != output.Table && p.format != output.CSV
}

// document is what -o json, jsonl and yaml print after an apply (see the command's help).
type document struct {
	Plan   *syncplan.Plan `json:"plan"`
	Result *result        `json:"result"`
}

// result is the outcome per operation, each in the bulk commands' shape.
type result struct {
	Create bulk.Summary `json:"create"`
	Update bulk.Summary `json:"update"`
	Delete bulk.Summary `json:"delete"`
}

func newResult(r *bulk.Report) *result {
	return &result{
		Create: r.For(bulk.Create).Summary(),
		Update: r.For(bulk.Update).Summary(),
		Delete: r.For(bulk.Delete).Summary(),
	}
}

// printPlan prints the plan in the output format (--dry-run).
func (p *printer) printPlan() error {
	if p.dataFormat() {
		return output.Print(p.f.IOStreams.Out, p.format, p.plan, nil)
	}
	return p.printPlanBeforeApply()
}

// printPlanBeforeApply prints the plan for people (table) or as CSV rows before the apply;
// the data formats print nothing until the document at the end.
func (p *printer) printPlanBeforeApply() error {
	out := p.f.IOStreams.Out
	switch p.format {
	case output.CSV:
		return output.Print(out, p.format, nil, p.csvRows)
	case output.Table:
		if _, err := fmt.Fprintln(out, p.headline()); err != nil {
			return fmt.Errorf("writing the plan: %w", err)
		}
		if p.plan.Empty() {
			return nil
		}
		return output.Print(out, p.format, nil, p.tableRows)
	}
	return nil
}

// printDocument prints the final document of the data formats; r is nil when nothing was
// sent.
func (p *printer) printDocument(r *bulk.Report) error {
	if !p.dataFormat() {
		return nil
	}
	doc := document{Plan: p.plan}
	if r != nil {
		doc.Result = newResult(r)
	}
	return output.Print(p.f.IOStreams.Out, p.format, doc, nil)
}

// headline is the plan's first line: its counts.
func (p *printer) headline() string {
	pl := p.plan
	var b strings.Builder
	if pl.Empty() {
		fmt.Fprintf(&b, "No changes for %s: %d %s the file.", p.customer, pl.Unchanged, plural(pl.Unchanged, "user matches", "users match"))
	} else {
		fmt.Fprintf(&b, "Plan for %s: %d to create, %d to update, %d to delete, %d unchanged.",
			p.customer, len(pl.Create), len(pl.Update), len(pl.Delete), pl.Unchanged)
	}
	if pl.Kept > 0 {
		fmt.Fprintf(&b, " %d %s not in the file %s kept (--prune deletes them).",
			pl.Kept, plural(pl.Kept, "user", "users"), plural(pl.Kept, "is", "are"))
	}
	return b.String()
}

// tableRows are the plan for people: one row per created or deleted user and per changed
// field, "field: old → new".
func (p *printer) tableRows() ([]string, [][]string) {
	pl := p.plan
	rows := make([][]string, 0, pl.Changes())
	for _, c := range pl.Create {
		rows = append(rows, []string{"create", c.User.User, output.NoValue})
	}
	for _, ch := range pl.Update {
		for _, name := range ch.FieldNames() {
			fc := ch.Fields[name]
			rows = append(rows, []string{"update", ch.User, fmt.Sprintf("%s: %s → %s", name, tableValue(fc.From), tableValue(fc.To))})
		}
	}
	for _, u := range pl.Delete {
		rows = append(rows, []string{"delete", u, output.NoValue})
	}
	return []string{"ACTION", "USER", "CHANGE"}, rows
}

// csvRows are the plan for programs: action,user,field,from,to with groups joined by ";" as
// in the user CSV, and empty cells for no value.
func (p *printer) csvRows() ([]string, [][]string) {
	pl := p.plan
	rows := make([][]string, 0, pl.Changes())
	for _, c := range pl.Create {
		rows = append(rows, []string{"create", c.User.User, "", "", ""})
	}
	for _, ch := range pl.Update {
		for _, name := range ch.FieldNames() {
			fc := ch.Fields[name]
			rows = append(rows, []string{"update", ch.User, name, csvValue(fc.From), csvValue(fc.To)})
		}
	}
	for _, u := range pl.Delete {
		rows = append(rows, []string{"delete", u, "", "", ""})
	}
	return []string{"action", "user", "field", "from", "to"}, rows
}

// tableValue renders a FieldChange value: the text, groups joined with ",", or "-" for no
// value (output.Print sanitises the cell).
func tableValue(v any) string {
	switch v := v.(type) {
	case string:
		return output.OrDash(v)
	case []string:
		return output.OrDash(strings.Join(v, ","))
	}
	return output.NoValue
}

func csvValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return strings.Join(v, ";")
	}
	return ""
}

// plural picks the word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
