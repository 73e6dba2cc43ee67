package shared

import (
	"context"
	"errors"
	"fmt"

	"github.com/ecctl/ecctl/internal/client"
)

// CheckCredentials proves that c's credentials work by counting the users of customer
// (HEAD /{customer}): the API has no "who am I" operation, and a count changes nothing and
// is cheap. It returns the number of users. A rejection keeps the *client.APIError in the
// chain (401/403 exit with 4) and says what it means for the credentials.
func CheckCredentials(ctx context.Context, c *client.Client, username, customer string) (int64, error) {
	n, err := c.Count(ctx, customer, client.Filter{})
	if err == nil {
		return n, nil
	}
	var api *client.APIError
	if errors.As(err, &api) {
		switch api.Status {
		case 401:
			return 0, fmt.Errorf("the API rejected the credentials of %s: %w", username, err)
		case 403:
			return 0, fmt.Errorf("%s is authenticated but may not manage customer %s (check the customer): %w", username, customer, err)
		}
	}
	return 0, fmt.Errorf("checking the credentials of %s: %w", username, err)
}
