package bulk

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/ecctl/ecctl/internal/output"
)

// notSentListed is how many users not sent the text report names; Summary names all. Every
// failed user is always named: those are the ones an administrator has to look at.
const notSentListed = 10

// WriteText writes the report for people (stderr): a headline per kind of change, every failed
// request with its reason and its users, and the users not sent. API text is sanitised.
func (r *Report) WriteText(w io.Writer) error {
	var b bytes.Buffer
	total := len(r.Chunks)
	for _, k := range r.Kinds() {
		r.For(k).headline(&b, k)
	}
	if len(r.Chunks) == 0 {
		fmt.Fprintf(&b, "Nothing to do for %s: no users.\n", r.Customer)
	}
	if r.Retries > 0 {
		fmt.Fprintf(&b, "Retried %d %s (429/503 answers or failed connections).\n", r.Retries, plural(int(r.Retries), "time", "times"))
	}
	for _, ch := range r.Chunks {
		if ch.State != Failed {
			continue
		}
		fmt.Fprintf(&b, "Failed: request %d of %d (%s, %d %s): %s\n",
			ch.Seq, total, ch.Kind, len(ch.Users), plural(len(ch.Users), "user", "users"), reasonText(&ch))
		for _, u := range ch.Users {
			fmt.Fprintf(&b, "  %s\n", output.Sanitize(u))
		}
	}
	if notSent := r.NotSent(); len(notSent) > 0 {
		why := "interrupted"
		if !r.Interrupted && r.Stopped != nil {
			why = "stopped after the failure above"
		}
		fmt.Fprintf(&b, "Not sent (%s): %d %s\n", why, len(notSent), plural(len(notSent), "user", "users"))
		for i, u := range notSent {
			if i == notSentListed {
				fmt.Fprintf(&b, "  ... and %d more (-o json or -o csv lists them all)\n", len(notSent)-notSentListed)
				break
			}
			fmt.Fprintf(&b, "  %s\n", output.Sanitize(u))
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// headline is one line about the chunks of one kind: "Created 3 of 5 users of 44444 in 3
// requests: 2 failed."
func (r *Report) headline(b *bytes.Buffer, k Kind) {
	c := r.Counts()
	requested, applied := int(c["requested"]), int(c["applied"])
	if requested == 1 && applied == 1 {
		fmt.Fprintf(b, "%s user %s of %s.\n", k.past(), output.Sanitize(r.Applied()[0]), r.Customer)
		return
	}
	fmt.Fprintf(b, "%s %d of %d %s of %s", k.past(), applied, requested, plural(requested, "user", "users"), r.Customer)
	if n := len(r.Chunks); n > 1 {
		fmt.Fprintf(b, " in %d requests", n)
	}
	var notes []string
	if n := c["failed"]; n > 0 {
		notes = append(notes, fmt.Sprintf("%d failed", n))
	}
	if n := c["notSent"]; n > 0 {
		notes = append(notes, fmt.Sprintf("%d not sent", n))
	}
	if len(notes) > 0 {
		fmt.Fprintf(b, ": %s", strings.Join(notes, ", "))
	}
	b.WriteString(".\n")
}

// reasonText is why a chunk failed, for people: "409 Conflict: user exists: ... (request id
// 7f6d...)".
func reasonText(ch *Chunk) string {
	f := ch.failure()
	msg := output.Sanitize(f.Message)
	if f.Status > 0 {
		status := fmt.Sprintf("%d %s", f.Status, http.StatusText(f.Status))
		if strings.EqualFold(f.Message, http.StatusText(f.Status)) {
			msg = status
		} else {
			msg = status + ": " + msg
		}
	}
	if f.ID != "" {
		msg += " (request id " + output.Sanitize(f.ID) + ")"
	}
	return msg
}
