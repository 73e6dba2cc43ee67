package cmdutil

import (
	"github.com/ecctl/ecctl/internal/build"
	"github.com/ecctl/ecctl/internal/client"
)

// ClientFor builds an API client for the given endpoint and credentials instead of the
// resolved ones, with the global --timeout, --retries and --debug. `auth login` uses it to
// check credentials before they are stored; Client would look them up in the config.
// An unusable endpoint is a usage error.
func (f *Factory) ClientFor(endpoint, username, password string) (*client.Client, error) {
	opts := client.Options{
		Endpoint:   endpoint,
		Username:   username,
		Password:   password,
		UserAgent:  build.UserAgent(),
		Timeout:    f.Global.Timeout,
		Retries:    f.Global.Retries,
		HTTPClient: f.HTTPClient,
		Sleep:      f.Sleep,
	}
	if f.Global.Debug || f.EnvTrue("ECCTL_DEBUG") {
		opts.Debug = f.IOStreams.ErrOut
	}
	c, err := client.New(opts)
	if err != nil {
		return nil, UsageError(err)
	}
	return c, nil
}
