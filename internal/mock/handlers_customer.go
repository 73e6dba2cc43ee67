package mock

import (
	"context"
	"fmt"
	"net/http"

	"github.com/ecctl/ecctl/gen"
)

// Default page size of listUsers (openapi.yaml, parameter Size).
const defaultPageSize = 1000

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func groupQuery(g *gen.GroupFilter) []string {
	if g == nil {
		return nil
	}
	return *g
}

// CountUsers answers HEAD /{CUSTOMER} with the User-Count header.
func (s *Server) CountUsers(_ context.Context, req gen.CountUsersRequestObject) (gen.CountUsersResponseObject, error) {
	p := req.Params
	n := s.store.count(req.CUSTOMER, query{activation: p.Activation, access: p.Access, failover: p.Failover, groups: groupQuery(p.Group)})
	return gen.CountUsers200Response{Headers: gen.CountUsers200ResponseHeaders{UserCount: int64(n)}}, nil
}

// ListUsers answers GET /{CUSTOMER} with one page of users in address order.
func (s *Server) ListUsers(ctx context.Context, req gen.ListUsersRequestObject) (gen.ListUsersResponseObject, error) {
	m := metaFrom(ctx)
	p := req.Params
	offset, size := deref(p.Offset, 0), deref(p.Size, defaultPageSize)
	page, total, names := s.store.page(req.CUSTOMER,
		query{activation: p.Activation, access: p.Access, failover: p.Failover, groups: groupQuery(p.Group)}, offset, size)
	users := make([]gen.User, len(page))
	for i, u := range page {
		users[i] = toAPI(req.CUSTOMER, u, names)
	}
	return gen.ListUsers200JSONResponse{
		Id: m.id, Timestamp: m.ts,
		Offset: offset, Size: size,
		Filter: gen.Filter{
			Activation: deref(p.Activation, false),
			Access:     deref(p.Access, false),
			Failover:   deref(p.Failover, false),
		},
		Total: total, Count: len(users), Users: users,
	}, nil
}

func bulkOK(ctx context.Context, users []string) gen.BulkOKJSONResponse {
	m := metaFrom(ctx)
	if users == nil {
		users = []string{}
	}
	return gen.BulkOKJSONResponse{Id: m.id, Timestamp: m.ts, Count: len(users), Users: users}
}

// duplicate returns a message if an address occurs twice in a request body, else "".
func duplicate(addrs []string) string {
	first := make(map[string]int, len(addrs))
	for i, a := range addrs {
		if j, ok := first[a]; ok {
			return fmt.Sprintf("body[%d].user: %s is named twice in the request (also body[%d]); nothing was applied", i, a, j)
		}
		first[a] = i
	}
	return ""
}

// CreateUsers answers PUT /{CUSTOMER}: all or nothing.
func (s *Server) CreateUsers(ctx context.Context, req gen.CreateUsersRequestObject) (gen.CreateUsersResponseObject, error) {
	items := *req.Body
	addrs := make([]string, len(items))
	data := make([]userData, len(items))
	for i, it := range items {
		if msg := s.tz.check(fmt.Sprintf("body[%d].timezone", i), it.Timezone); msg != "" {
			return gen.CreateUsers400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(errorBody(ctx, http.StatusBadRequest, "%s", msg))}, nil
		}
		addrs[i] = it.User
		data[i] = fromCreate(it)
	}
	if msg := duplicate(addrs); msg != "" {
		return gen.CreateUsers409JSONResponse{ConflictJSONResponse: gen.ConflictJSONResponse(errorBody(ctx, http.StatusConflict, "%s", msg))}, nil
	}
	if existing := s.store.create(req.CUSTOMER, data); len(existing) > 0 {
		return gen.CreateUsers409JSONResponse{ConflictJSONResponse: gen.ConflictJSONResponse(errorBody(ctx, http.StatusConflict,
			"user exists: %s; nothing was created", listNames(existing)))}, nil
	}
	if len(items) > 0 {
		s.changed()
		if mailWanted(req.Params.MailNotification) {
			at := metaFrom(ctx).at
			notes := make([]Notification, len(addrs))
			for i, a := range addrs {
				notes[i] = Notification{Customer: req.CUSTOMER, User: a, Reason: "create", At: at}
			}
			s.notify(notes...)
		}
	}
	return gen.CreateUsers200JSONResponse{BulkOKJSONResponse: bulkOK(ctx, addrs)}, nil
}

// mailWanted reads mailNotification: "true" or "1" (openapi.yaml).
func mailWanted(v *string) bool {
	return v != nil && (*v == "true" || *v == "1")
}

// UpdateUsers answers PATCH /{CUSTOMER}: all or nothing.
func (s *Server) UpdateUsers(ctx context.Context, req gen.UpdateUsersRequestObject) (gen.UpdateUsersResponseObject, error) {
	items := *req.Body
	addrs := make([]string, len(items))
	changes := make([]change, len(items))
	for i, it := range items {
		if msg := s.tz.check(fmt.Sprintf("body[%d].timezone", i), it.Timezone); msg != "" {
			return gen.UpdateUsers400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(errorBody(ctx, http.StatusBadRequest, "%s", msg))}, nil
		}
		addrs[i] = it.User
		changes[i] = fromUpdate(it)
	}
	if msg := duplicate(addrs); msg != "" {
		return gen.UpdateUsers400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(errorBody(ctx, http.StatusBadRequest, "%s", msg))}, nil
	}
	if unknown := s.store.update(req.CUSTOMER, changes); len(unknown) > 0 {
		return gen.UpdateUsers404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(errorBody(ctx, http.StatusNotFound,
			"unknown user: %s; nothing was changed", listNames(unknown)))}, nil
	}
	if len(items) > 0 {
		s.changed()
	}
	return gen.UpdateUsers200JSONResponse{BulkOKJSONResponse: bulkOK(ctx, addrs)}, nil
}

// DeleteUsers answers DELETE /{CUSTOMER}: all or nothing.
func (s *Server) DeleteUsers(ctx context.Context, req gen.DeleteUsersRequestObject) (gen.DeleteUsersResponseObject, error) {
	addrs := *req.Body
	if msg := duplicate(addrs); msg != "" {
		return gen.DeleteUsers400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(errorBody(ctx, http.StatusBadRequest, "%s", msg))}, nil
	}
	if unknown := s.store.remove(req.CUSTOMER, addrs); len(unknown) > 0 {
		return gen.DeleteUsers404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(errorBody(ctx, http.StatusNotFound,
			"unknown user: %s; nothing was deleted", listNames(unknown)))}, nil
	}
	if len(addrs) > 0 {
		s.changed()
	}
	return gen.DeleteUsers200JSONResponse{BulkOKJSONResponse: bulkOK(ctx, addrs)}, nil
}

// setCustomerFlag switches a flag for all users of a customer or the groups' members.
func (s *Server) setCustomerFlag(ctx context.Context, customer string, groups *gen.GroupFilter, flag uint8, on bool) gen.FlagOKJSONResponse {
	n := s.store.setFlag(customer, query{groups: groupQuery(groups)}, flag, on)
	s.changed()
	m := metaFrom(ctx)
	return gen.FlagOKJSONResponse{Id: m.id, Timestamp: m.ts, AffectedUsers: n}
}

// SetCustomerFailover answers PUT /{CUSTOMER}/failover.
func (s *Server) SetCustomerFailover(ctx context.Context, req gen.SetCustomerFailoverRequestObject) (gen.SetCustomerFailoverResponseObject, error) {
	return gen.SetCustomerFailover200JSONResponse{FlagOKJSONResponse: s.setCustomerFlag(ctx, req.CUSTOMER, req.Params.Group, flagFailover, true)}, nil
}

// UnsetCustomerFailover answers DELETE /{CUSTOMER}/failover.
func (s *Server) UnsetCustomerFailover(ctx context.Context, req gen.UnsetCustomerFailoverRequestObject) (gen.UnsetCustomerFailoverResponseObject, error) {
	return gen.UnsetCustomerFailover200JSONResponse{FlagOKJSONResponse: s.setCustomerFlag(ctx, req.CUSTOMER, req.Params.Group, flagFailover, false)}, nil
}

// SetCustomerAccess answers PUT /{CUSTOMER}/access.
func (s *Server) SetCustomerAccess(ctx context.Context, req gen.SetCustomerAccessRequestObject) (gen.SetCustomerAccessResponseObject, error) {
	return gen.SetCustomerAccess200JSONResponse{FlagOKJSONResponse: s.setCustomerFlag(ctx, req.CUSTOMER, req.Params.Group, flagAccess, true)}, nil
}

// UnsetCustomerAccess answers DELETE /{CUSTOMER}/access.
func (s *Server) UnsetCustomerAccess(ctx context.Context, req gen.UnsetCustomerAccessRequestObject) (gen.UnsetCustomerAccessResponseObject, error) {
	return gen.UnsetCustomerAccess200JSONResponse{FlagOKJSONResponse: s.setCustomerFlag(ctx, req.CUSTOMER, req.Params.Group, flagAccess, false)}, nil
}
