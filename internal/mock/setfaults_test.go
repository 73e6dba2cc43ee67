package mock_test

import (
	"net/http"
	"testing"

	"github.com/ecctl/ecctl/internal/mock"
)

func TestSetFaultsChangesARunningServer(t *testing.T) {
	e := newEnv(t, mock.Options{})
	e.do(http.MethodHead, "/44444", nil).expect(t, http.StatusOK)

	if err := e.srv.SetFaults(mock.Faults{FailRate: 1}); err != nil {
		t.Fatal(err)
	}
	if got := e.srv.Faults(); got.FailRate != 1 {
		t.Fatalf("Faults() = %+v after SetFaults", got)
	}
	e.do(http.MethodHead, "/44444", nil).expect(t, http.StatusServiceUnavailable)

	if err := e.srv.SetFaults(mock.Faults{}); err != nil {
		t.Fatal(err)
	}
	e.do(http.MethodHead, "/44444", nil).expect(t, http.StatusOK)

	if err := e.srv.SetFaults(mock.Faults{FailRate: 2}); err == nil {
		t.Error("SetFaults accepted a fail rate of 2")
	}
}
