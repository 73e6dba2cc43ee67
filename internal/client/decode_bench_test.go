package client

import (
	"bytes"
	"fmt"
	"testing"
)

// A page of 1000 users as the API sends it.
func benchPage() []byte {
	var b bytes.Buffer
	b.WriteString(`{"id":"x","timestamp":"t","offset":0,"size":1000,"filter":{"activation":false,"access":false,"failover":false},"total":1000,"count":1000,"users":[`)
	for i := range 1000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"customer":"44444","domain":"x.example","user":"u%d@x.example","displayName":"Jürgen Müller %d","givenName":"Jürgen","surName":"Müller","language":"de_DE","timezone":"Europe/Berlin","department":"Sales","costcenter":"01","phone":"+49 30 1","mobile":null,"failoverGroups":["emea","germany"],"status":{"activation":true,"access":true,"failover":false}}`, i, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func BenchmarkMissingFieldsPage(b *testing.B) {
	page := benchPage()
	required := requiredFields("UserList")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if m := missingFields(page, required); len(m) != 0 {
			b.Fatal(m)
		}
	}
}
