package status

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/config"
	"github.com/ecctl/ecctl/internal/output"
)

// Report is what `auth status` shows; with -o json/yaml it is printed as it is. It never
// holds the password, only whether there is one.
type Report struct {
	Profile     Setting     `json:"profile"`
	ConfigFile  ConfigFile  `json:"configFile"`
	Endpoint    Setting     `json:"endpoint"`
	Username    Setting     `json:"username"`
	Customer    Setting     `json:"customer"`
	Output      Setting     `json:"output"`
	Password    Password    `json:"password"`
	Credentials Credentials `json:"credentials"`
}

// Setting is a resolved value and where it came from (config.Source's text).
type Setting struct {
	Value  string `json:"value"`
	Source string `json:"source"`
}

// ConfigFile is the config file in use. Mode is the octal permission bits when it exists.
type ConfigFile struct {
	Path   string `json:"path"`
	Exists bool   `json:"exists"`
	Mode   string `json:"mode,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Password says whether a password is set and where it comes from, never what it is.
type Password struct {
	Set    bool   `json:"set"`
	Source string `json:"source"`
	// PlainText is set when the password is stored in the config file itself.
	PlainText bool   `json:"plainText,omitempty"`
	Error     string `json:"error,omitempty"`
}

// Credentials is the outcome of the check: valid, rejected (401/403), error (the check
// could not be made) or unchecked (Reason says why).
type Credentials struct {
	Status     string `json:"status"`
	Customer   string `json:"customer,omitempty"`
	Users      *int64 `json:"users,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

func newReport(s config.Settings, cfg *config.Config) *Report {
	setting := func(value, key string) Setting {
		return Setting{Value: value, Source: s.Sources[key].String()}
	}
	return &Report{
		Profile:    setting(s.Profile, "profile"),
		ConfigFile: fileInfo(cfg.Path()),
		Endpoint:   setting(s.Endpoint, config.KeyEndpoint),
		Username:   setting(s.Username, config.KeyUsername),
		Customer:   setting(s.Customer, config.KeyCustomer),
		Output:     setting(s.Output, config.KeyOutput),
	}
}

func (r *Report) setPassword(set bool, src config.Source, err error) {
	if err != nil {
		// The error names the profile, never the command's output.
		r.Password = Password{Source: "error", Error: err.Error()}
		r.Credentials = Credentials{Status: "unchecked", Reason: "the password could not be read"}
		return
	}
	r.Password = Password{Set: set, Source: src.String(), PlainText: src.Kind == config.SourceProfile}
}

func (r *Report) setCheck(customer string, n int64, err error) {
	var api *client.APIError
	switch {
	case err == nil:
		r.Credentials = Credentials{Status: "valid", Customer: customer, Users: &n}
	case errors.As(err, &api) && (api.Status == 401 || api.Status == 403):
		r.Credentials = Credentials{Status: "rejected", Customer: customer, HTTPStatus: api.Status, Reason: err.Error()}
	default:
		r.Credentials = Credentials{Status: "error", Customer: customer, Reason: err.Error()}
	}
}

// print writes the report: aligned "name: value (source)" lines for people, the Report
// object for json/jsonl/yaml, and name,value,source rows for csv.
func (r *Report) print(w io.Writer, format output.Format) error {
	if format != output.Table {
		return output.Print(w, format, r, func() ([]string, [][]string) { return []string{"name", "value", "source"}, r.rows() })
	}
	var b strings.Builder
	for _, row := range r.rows() {
		line := output.Sanitize(row[1])
		if row[2] != "" {
			line += " (" + output.Sanitize(row[2]) + ")"
		}
		fmt.Fprintf(&b, "%-12s %s\n", row[0]+":", line)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) rows() [][]string {
	rows := [][]string{
		{"profile", r.Profile.Value, r.Profile.Source},
		{"config file", r.configText(), ""},
	}
	for _, s := range []struct {
		name string
		Setting
	}{{"endpoint", r.Endpoint}, {"username", r.Username}, {"customer", r.Customer}, {"output", r.Output}} {
		if s.Value == "" {
			rows = append(rows, []string{s.name, "not set", ""})
			continue
		}
		rows = append(rows, []string{s.name, s.Value, s.Source})
	}
	return append(rows,
		[]string{"password", r.passwordText(), ""},
		[]string{"credentials", r.credentialsText(), ""},
	)
}

func (r *Report) configText() string {
	cf := r.ConfigFile
	switch {
	case cf.Path == "":
		return "none (neither XDG_CONFIG_HOME nor HOME is set)"
	case cf.Error != "":
		return cf.Path + " (" + cf.Error + ")"
	case !cf.Exists:
		return cf.Path + " (does not exist)"
	}
	return cf.Path + " (mode " + cf.Mode + ")"
}

func (r *Report) passwordText() string {
	p := r.Password
	switch {
	case p.Error != "":
		return "error: " + p.Error
	case !p.Set:
		return "not set"
	case p.PlainText:
		return "set (" + p.Source + ", stored in plain text)"
	}
	return "set (" + p.Source + ")"
}

func (r *Report) credentialsText() string {
	c := r.Credentials
	switch c.Status {
	case "valid":
		return fmt.Sprintf("valid (%d users in %s)", *c.Users, c.Customer)
	case "rejected":
		return fmt.Sprintf("rejected by the API (HTTP %d for customer %s)", c.HTTPStatus, c.Customer)
	case "error":
		return "not verified: the check failed"
	}
	return "not checked (" + c.Reason + ")"
}
