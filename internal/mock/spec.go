package mock

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	genspec "github.com/ecctl/ecctl/gen/spec"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// route is one operation of the spec as the ServeMux pattern "METHOD /path" names it.
type route struct {
	pattern  string
	method   string
	segments []string // the path template split at '/', e.g. ["{CUSTOMER}", "failover"]
	kin      *routers.Route
	auth     bool // basic auth required (every operation but setPassword)
	customer bool // the path has {CUSTOMER}
	body     bool // the operation takes a request body
	bulk     bool // the body is an array (bulk create/update/delete): MaxBulk applies
}

// spec is what the pipeline needs from openapi.yaml.
type spec struct {
	routes      map[string]*route // by ServeMux pattern
	list        []*route
	userAddress *regexp.Regexp // the UserAddress pattern, for normalised USER path values
	userMaxLen  int
	filterOpts  *openapi3filter.Options
}

func loadSpec() (*spec, error) {
	doc, err := genspec.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("loading the embedded spec: %w", err)
	}
	// Routing happens by path only; the servers list would make kin-openapi match hosts.
	doc.Servers = nil
	sp := &spec{
		routes: make(map[string]*route),
		filterOpts: &openapi3filter.Options{
			// Authentication runs before validation in the pipeline (401 before 400).
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			// Defaults (offset, size) are applied by the handlers; do not rewrite the request.
			SkipSettingDefaults: true,
		},
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			rt := &route{
				pattern:  method + " " + path,
				method:   method,
				segments: strings.Split(strings.TrimPrefix(path, "/"), "/"),
				kin:      &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
				auth:     op.Security == nil || len(*op.Security) > 0,
				customer: strings.Contains(path, "{CUSTOMER}"),
				body:     op.RequestBody != nil,
			}
			if rt.body {
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					rt.bulk = mt.Schema.Value.Type.Is(openapi3.TypeArray)
				}
			}
			sp.routes[rt.pattern] = rt
			sp.list = append(sp.list, rt)
		}
	}
	ua := doc.Components.Schemas["UserAddress"]
	if ua == nil || ua.Value == nil || ua.Value.MaxLength == nil {
		return nil, fmt.Errorf("the embedded spec has no UserAddress schema with a maxLength")
	}
	if sp.userAddress, err = regexp.Compile(ua.Value.Pattern); err != nil {
		return nil, fmt.Errorf("compiling the UserAddress pattern: %w", err)
	}
	sp.userMaxLen = int(*ua.Value.MaxLength)
	return sp, nil
}

// match reports whether the escaped request path fits the route's template, segment by
// segment, the way ServeMux matches (each segment unescaped), and returns the path values.
func (rt *route) match(escapedPath string) (map[string]string, bool) {
	if !strings.HasPrefix(escapedPath, "/") {
		return nil, false
	}
	parts := strings.Split(escapedPath[1:], "/")
	if len(parts) != len(rt.segments) {
		return nil, false
	}
	params := make(map[string]string, 3)
	for i, seg := range rt.segments {
		v, err := url.PathUnescape(parts[i])
		if err != nil || v == "" {
			return nil, false
		}
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			params[strings.TrimSuffix(name, "}")] = v
		} else if v != seg {
			return nil, false
		}
	}
	return params, true
}
