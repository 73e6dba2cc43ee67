package mock

import (
	"context"
	"net/http"
	"time"

	"github.com/ecctl/ecctl/gen"
)

// userArg normalises the USER path value; bad is the 400 body when it is not an address.
func (s *Server) userArg(ctx context.Context, v string) (addr string, bad *gen.Error) {
	addr, err := s.spec.normalizeUser(v)
	if err != nil {
		e := errorBody(ctx, http.StatusBadRequest, "%s", err.Error())
		return "", &e
	}
	return addr, nil
}

func unknownUser(ctx context.Context, customer, addr string) gen.Error {
	return errorBody(ctx, http.StatusNotFound, "unknown user: %s (customer %s)", addr, customer)
}

func ack(ctx context.Context) gen.AckOKJSONResponse {
	m := metaFrom(ctx)
	return gen.AckOKJSONResponse{Id: m.id, Timestamp: m.ts}
}

// GetUser answers GET /{CUSTOMER}/{USER}.
func (s *Server) GetUser(ctx context.Context, req gen.GetUserRequestObject) (gen.GetUserResponseObject, error) {
	addr, bad := s.userArg(ctx, req.USER)
	if bad != nil {
		return gen.GetUser400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(*bad)}, nil
	}
	u, names := s.store.get(req.CUSTOMER, addr)
	if u == nil {
		return gen.GetUser404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(unknownUser(ctx, req.CUSTOMER, addr))}, nil
	}
	m := metaFrom(ctx)
	return gen.GetUser200JSONResponse{Id: m.id, Timestamp: m.ts, User: toAPI(req.CUSTOMER, u, names)}, nil
}

// UpdateUser answers PATCH /{CUSTOMER}/{USER}.
func (s *Server) UpdateUser(ctx context.Context, req gen.UpdateUserRequestObject) (gen.UpdateUserResponseObject, error) {
	addr, bad := s.userArg(ctx, req.USER)
	if bad != nil {
		return gen.UpdateUser400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(*bad)}, nil
	}
	if msg := s.tz.check("body.timezone", req.Body.Timezone); msg != "" {
		return gen.UpdateUser400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(errorBody(ctx, http.StatusBadRequest, "%s", msg))}, nil
	}
	if unknown := s.store.update(req.CUSTOMER, []change{newChange(addr, *req.Body)}); len(unknown) > 0 {
		return gen.UpdateUser404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(unknownUser(ctx, req.CUSTOMER, addr))}, nil
	}
	s.changed()
	return gen.UpdateUser200JSONResponse{AckOKJSONResponse: ack(ctx)}, nil
}

// DeleteUser answers DELETE /{CUSTOMER}/{USER}.
func (s *Server) DeleteUser(ctx context.Context, req gen.DeleteUserRequestObject) (gen.DeleteUserResponseObject, error) {
	addr, bad := s.userArg(ctx, req.USER)
	if bad != nil {
		return gen.DeleteUser400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(*bad)}, nil
	}
	if !s.store.removeOne(req.CUSTOMER, addr) {
		return gen.DeleteUser404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(unknownUser(ctx, req.CUSTOMER, addr))}, nil
	}
	s.changed()
	return gen.DeleteUser200JSONResponse{AckOKJSONResponse: ack(ctx)}, nil
}

func flagBit(f gen.Flag) uint8 {
	if f == gen.Access {
		return flagAccess
	}
	return flagFailover
}

// SetUserFlag answers PUT /{CUSTOMER}/{USER}/{FLAG}.
func (s *Server) SetUserFlag(ctx context.Context, req gen.SetUserFlagRequestObject) (gen.SetUserFlagResponseObject, error) {
	addr, bad := s.userArg(ctx, req.USER)
	if bad != nil {
		return gen.SetUserFlag400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(*bad)}, nil
	}
	if !s.store.setUserFlag(req.CUSTOMER, addr, flagBit(req.FLAG), true) {
		return gen.SetUserFlag404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(unknownUser(ctx, req.CUSTOMER, addr))}, nil
	}
	s.changed()
	return gen.SetUserFlag200JSONResponse{AckOKJSONResponse: ack(ctx)}, nil
}

// UnsetUserFlag answers DELETE /{CUSTOMER}/{USER}/{FLAG}.
func (s *Server) UnsetUserFlag(ctx context.Context, req gen.UnsetUserFlagRequestObject) (gen.UnsetUserFlagResponseObject, error) {
	addr, bad := s.userArg(ctx, req.USER)
	if bad != nil {
		return gen.UnsetUserFlag400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(*bad)}, nil
	}
	if !s.store.setUserFlag(req.CUSTOMER, addr, flagBit(req.FLAG), false) {
		return gen.UnsetUserFlag404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(unknownUser(ctx, req.CUSTOMER, addr))}, nil
	}
	s.changed()
	return gen.UnsetUserFlag200JSONResponse{AckOKJSONResponse: ack(ctx)}, nil
}

// CreateToken answers POST /{CUSTOMER}/{USER}/token with a new single-use token.
func (s *Server) CreateToken(ctx context.Context, req gen.CreateTokenRequestObject) (gen.CreateTokenResponseObject, error) {
	addr, bad := s.userArg(ctx, req.USER)
	if bad != nil {
		return gen.CreateToken400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(*bad)}, nil
	}
	m := metaFrom(ctx)
	mail := mailWanted(req.Params.MailNotification)
	tok, expires, ok := s.store.createToken(req.CUSTOMER, addr, m.at, mail)
	if !ok {
		return gen.CreateToken404JSONResponse{NotFoundJSONResponse: gen.NotFoundJSONResponse(unknownUser(ctx, req.CUSTOMER, addr))}, nil
	}
	s.changed()
	url := s.opts.TokenURLBase + tok
	if mail {
		s.notify(Notification{Customer: req.CUSTOMER, User: addr, Reason: "token", URL: url, At: m.at})
	}
	return gen.CreateToken201JSONResponse{
		Id: m.id, Timestamp: m.ts,
		Token: tok, ExpiryTimestamp: expires.Format(time.RFC3339), Url: url,
	}, nil
}

// SetPassword answers PUT /{USER}/password (no credentials, a token instead). The mock
// checks the policy (by validation) and the token, and keeps no password.
func (s *Server) SetPassword(ctx context.Context, req gen.SetPasswordRequestObject) (gen.SetPasswordResponseObject, error) {
	addr, bad := s.userArg(ctx, req.USER)
	if bad != nil {
		return gen.SetPassword400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(*bad)}, nil
	}
	if !s.store.usePassword(addr, req.Body.Token, metaFrom(ctx).at) {
		return gen.SetPassword400JSONResponse{BadRequestJSONResponse: gen.BadRequestJSONResponse(errorBody(ctx, http.StatusBadRequest,
			"token: invalid or expired"))}, nil
	}
	s.changed()
	return gen.SetPassword200JSONResponse{AckOKJSONResponse: ack(ctx)}, nil
}
