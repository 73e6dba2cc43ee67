package flagcmd

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/ecctl/ecctl/gen"
	"github.com/ecctl/ecctl/internal/cmdutil"
	"github.com/ecctl/ecctl/internal/output"
)

// Plan is what --dry-run prints: the request that would be sent and whom it affects.
type Plan struct {
	DryRun   bool     `json:"dryRun"`
	Method   string   `json:"method"`
	URL      string   `json:"url"`
	Customer string   `json:"customer"`
	Flag     string   `json:"flag"`
	Value    bool     `json:"value"`
	Groups   []string `json:"groups,omitempty"`
	User     string   `json:"user,omitempty"`
	// UsersInScope are the users the request is for; UsersToChange those of them whose
	// flag does not have the new value yet.
	UsersInScope  int64 `json:"usersInScope"`
	UsersToChange int64 `json:"usersToChange"`
}

// newPlan describes the change opts asks for. The request is built by the generated client
// itself, so the URL shown is exactly the one that would be sent.
func newPlan(f *cmdutil.Factory, opts *Options, inScope, toChange int64) (*Plan, error) {
	s, err := f.Settings()
	if err != nil {
		return nil, err
	}
	server := s.Endpoint
	if !strings.HasSuffix(server, "/") {
		server += "/"
	}
	req, err := request(server, opts)
	if err != nil {
		return nil, fmt.Errorf("building the request for --dry-run: %w", err)
	}
	// An endpoint written as https://user:password@host/ must not print its password.
	req.URL.User = nil
	return &Plan{
		DryRun: true, Method: req.Method, URL: req.URL.String(),
		Customer: opts.Customer, Flag: string(opts.Flag), Value: opts.On,
		Groups: opts.Groups, User: opts.User,
		UsersInScope: inScope, UsersToChange: toChange,
	}, nil
}

// request builds the request a change would send, without sending it.
func request(server string, opts *Options) (*http.Request, error) {
	if opts.User != "" {
		if opts.On {
			return gen.NewSetUserFlagRequest(server, opts.Customer, opts.User, opts.Flag)
		}
		return gen.NewUnsetUserFlagRequest(server, opts.Customer, opts.User, opts.Flag)
	}
	var groups *gen.GroupFilter
	if len(opts.Groups) > 0 {
		g := gen.GroupFilter(opts.Groups)
		groups = &g
	}
	switch {
	case opts.Flag == gen.Access && opts.On:
		return gen.NewSetCustomerAccessRequest(server, opts.Customer, &gen.SetCustomerAccessParams{Group: groups})
	case opts.Flag == gen.Access:
		return gen.NewUnsetCustomerAccessRequest(server, opts.Customer, &gen.UnsetCustomerAccessParams{Group: groups})
	case opts.On:
		return gen.NewSetCustomerFailoverRequest(server, opts.Customer, &gen.SetCustomerFailoverParams{Group: groups})
	}
	return gen.NewUnsetCustomerFailoverRequest(server, opts.Customer, &gen.UnsetCustomerFailoverParams{Group: groups})
}

// print writes the plan: two lines for people, the Plan object for programs.
func (p *Plan) print(w io.Writer, format output.Format) error {
	headers := []string{"method", "url", "customer", "flag", "value", "groups", "user", "usersInScope", "usersToChange"}
	row := []string{p.Method, p.URL, p.Customer, p.Flag, fmt.Sprint(p.Value), strings.Join(p.Groups, ";"), p.User,
		fmt.Sprint(p.UsersInScope), fmt.Sprint(p.UsersToChange)}
	if format != output.Table {
		return output.Print(w, format, p, func() ([]string, [][]string) { return headers, [][]string{row} })
	}
	var who string
	if p.User != "" {
		who = fmt.Sprintf("%s of %s", p.User, p.Customer)
	} else {
		who = describeScope(&Options{Customer: p.Customer, Groups: p.Groups}, p.UsersInScope)
	}
	_, err := fmt.Fprintf(w, "dry run, nothing sent: %s %s\nwould %s %s for %s: %d would change, %d already %s\n",
		p.Method, output.Sanitize(p.URL), verb(p.Value), p.Flag, output.Sanitize(who),
		p.UsersToChange, p.UsersInScope-p.UsersToChange, pick(p.Value, "set", "unset"))
	return err
}
