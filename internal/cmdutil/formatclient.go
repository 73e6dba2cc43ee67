package cmdutil

import (
	"context"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/output"
)

// FormatAndClient is what a command that calls the API and prints the answer needs first:
// the output format, resolved before anything is sent so that a bad -o ends with exit 2 and
// no request, and then the API client.
func (f *Factory) FormatAndClient(ctx context.Context) (output.Format, *client.Client, error) {
	format, err := f.OutputFormat()
	if err != nil {
		return "", nil, err
	}
	c, err := f.Client(ctx)
	if err != nil {
		return "", nil, err
	}
	return format, c, nil
}
