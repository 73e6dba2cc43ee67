package harness

import (
	"context"
	"fmt"
	"time"

	"github.com/ecctl/ecctl/internal/client"
	"github.com/ecctl/ecctl/internal/userfile"
)

// Export reads every user of a customer straight from the API (not through ecctl) as CSV
// rows in ecctl's columns (userfile.Columns), in address order. It retries generously, so it
// also works against an ecmock that injects faults.
func Export(ctx context.Context, url, customer string) ([][]string, error) {
	c, err := client.New(client.Options{Endpoint: url, Username: "demo", Password: "demo", Retries: 30, Timeout: time.Minute})
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for offset := 0; ; {
		page, err := c.ListPage(ctx, customer, client.Filter{}, offset, 1000)
		if err != nil {
			return nil, fmt.Errorf("exporting %s: %w", customer, err)
		}
		for _, u := range page.Users {
			rows = append(rows, userfile.Row(u))
		}
		offset += page.Count
		if page.Count == 0 || offset >= page.Total {
			return rows, nil
		}
	}
}

// Count is the number of users of a customer (HEAD), with retries.
func Count(ctx context.Context, url, customer string) (int64, error) {
	c, err := client.New(client.Options{Endpoint: url, Username: "demo", Password: "demo", Retries: 30, Timeout: time.Minute})
	if err != nil {
		return 0, err
	}
	return c.Count(ctx, customer, client.Filter{})
}
