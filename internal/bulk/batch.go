package bulk

import (
	"context"
	"fmt"

	"github.com/ecctl/ecctl/gen"
)

// Kind is what a batch does to its users.
type Kind int

// The kinds of change. Their order is the order Report lists them in.
const (
	Create Kind = iota + 1
	Update
	Delete
)

// String is the operation's name in reports and JSON: "create", "update" or "delete".
func (k Kind) String() string {
	switch k {
	case Create:
		return "create"
	case Update:
		return "update"
	case Delete:
		return "delete"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// MarshalText makes a Kind a JSON string.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// past is the verb of a report's headline: "Created 3 of 4 users".
func (k Kind) past() string {
	switch k {
	case Create:
		return "Created"
	case Update:
		return "Updated"
	case Delete:
		return "Deleted"
	}
	return k.String()
}

// Client is the part of *client.Client that Run uses; tests and other engines may supply
// their own.
type Client interface {
	CreateUsers(ctx context.Context, customer string, users []gen.UserCreate, mailNotification bool) (*gen.BulkResult, error)
	UpdateUsers(ctx context.Context, customer string, users []gen.UserUpdate) (*gen.BulkResult, error)
	DeleteUsers(ctx context.Context, customer string, users []string) (*gen.BulkResult, error)
	UpdateUser(ctx context.Context, customer, user string, patch gen.UserPatch) (*gen.Ack, error)
	DeleteUser(ctx context.Context, customer, user string) (*gen.Ack, error)
	// Retries is the number of retries the client has made so far, over all calls.
	Retries() int64
}

// Batch is a list of users to change the same way. Build one with Creates, Updates, Deletes,
// Patch or DeleteOne. The users of all batches of one Run must be distinct: chunks run in
// parallel, in no particular order.
type Batch struct {
	kind   Kind
	users  []string // the addresses, in order; users[i] belongs to create[i] / update[i]
	create []gen.UserCreate
	update []gen.UserUpdate
	patch  *gen.UserPatch // single-user PATCH /{CUSTOMER}/{USER}
	single bool           // single-user endpoint (PATCH or DELETE /{CUSTOMER}/{USER})
	mail   bool
}

// Creates is a batch of users to create (PUT /{CUSTOMER}). With mailNotification the service
// mails every user created.
func Creates(users []gen.UserCreate, mailNotification bool) Batch {
	addrs := make([]string, len(users))
	for i, u := range users {
		addrs[i] = u.User
	}
	return Batch{kind: Create, users: addrs, create: users, mail: mailNotification}
}

// Updates is a batch of changes to existing users (PATCH /{CUSTOMER}).
func Updates(users []gen.UserUpdate) Batch {
	addrs := make([]string, len(users))
	for i, u := range users {
		addrs[i] = u.User
	}
	return Batch{kind: Update, users: addrs, update: users}
}

// Deletes is a batch of users to delete by address (DELETE /{CUSTOMER}).
func Deletes(users []string) Batch {
	return Batch{kind: Delete, users: users}
}

// Patch changes one user through PATCH /{CUSTOMER}/{USER}.
func Patch(user string, patch gen.UserPatch) Batch {
	return Batch{kind: Update, users: []string{user}, patch: &patch, single: true}
}

// DeleteOne deletes one user through DELETE /{CUSTOMER}/{USER}.
func DeleteOne(user string) Batch {
	return Batch{kind: Delete, users: []string{user}, single: true}
}

// Kind is what the batch does.
func (b Batch) Kind() Kind { return b.kind }

// Len is the number of users in the batch.
func (b Batch) Len() int { return len(b.users) }

// Users are the addresses of the batch, in order. The slice is the batch's own.
func (b Batch) Users() []string { return b.users }

// answer is what a successful request reported.
type answer struct {
	users []string // the users applied
	id    string   // the request id
}

// send makes the request for users [lo, hi) of the batch.
func (b *Batch) send(ctx context.Context, c Client, customer string, lo, hi int) (answer, error) {
	var (
		res *gen.BulkResult
		ack *gen.Ack
		err error
	)
	switch {
	case b.single && b.kind == Update:
		ack, err = c.UpdateUser(ctx, customer, b.users[lo], *b.patch)
	case b.single && b.kind == Delete:
		ack, err = c.DeleteUser(ctx, customer, b.users[lo])
	case b.kind == Create:
		res, err = c.CreateUsers(ctx, customer, b.create[lo:hi], b.mail)
	case b.kind == Update:
		res, err = c.UpdateUsers(ctx, customer, b.update[lo:hi])
	case b.kind == Delete:
		res, err = c.DeleteUsers(ctx, customer, b.users[lo:hi])
	default:
		return answer{}, fmt.Errorf("bulk: batch of unknown kind %v", b.kind)
	}
	switch {
	case err != nil:
		return answer{}, err
	case ack != nil:
		return answer{users: b.users[lo:hi], id: ack.Id}, nil
	}
	applied := res.Users
	if len(applied) == 0 && res.Count == hi-lo {
		// The API's answer lists the users; should a server only count them, the count of an
		// all-or-nothing request still says that every user sent was applied.
		applied = b.users[lo:hi]
	}
	return answer{users: applied, id: res.Id}, nil
}

// request describes the HTTP request for users [lo, hi): method and path relative to the
// endpoint, and the body as it is sent (nil for single-user DELETE).
func (b *Batch) request(customer string, lo, hi int) (method, path string, body any) {
	switch {
	case b.single && b.kind == Update:
		return "PATCH", "/" + customer + "/" + b.users[lo], *b.patch
	case b.single && b.kind == Delete:
		return "DELETE", "/" + customer + "/" + b.users[lo], nil
	case b.kind == Create:
		path = "/" + customer
		if b.mail {
			path += "?mailNotification=true"
		}
		return "PUT", path, b.create[lo:hi]
	case b.kind == Update:
		return "PATCH", "/" + customer, b.update[lo:hi]
	}
	return "DELETE", "/" + customer, b.users[lo:hi]
}
