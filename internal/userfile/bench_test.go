package userfile_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/ecctl/ecctl/internal/userfile"
)

// csvUsers is a realistic export of n users: the full column set, a handful of zones, some
// empty cells.
func csvUsers(n int) []byte {
	zones := []string{"Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "America/New_York", "Asia/Tokyo"}
	var b bytes.Buffer
	b.WriteString("\ufeffuser;displayName;givenName;surName;language;timezone;department;costcenter;phone;mobile;failoverGroups;activation;access;failover\r\n")
	for i := range n {
		fmt.Fprintf(&b, "user%06d@example.com;Given%d Sur%d;Given%d;Sür%d;de_DE;%s;Sales;%04d;+49 30 %07d;;\"emea;germany\";true;false;false\r\n",
			i, i, i, i, i, zones[i%len(zones)], i%1000, i)
	}
	return b.Bytes()
}

// BenchmarkReadCSV reads Excel-style CSV files of growing size; ns/line should stay flat
// (linear time), which the sizes side by side show.
func BenchmarkReadCSV(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		data := csvUsers(n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				recs, err := userfile.Read(bytes.NewReader(data), "bench.csv", userfile.ModeSync)
				if err != nil || len(recs) != n {
					b.Fatalf("%d records, %v", len(recs), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
		})
	}
}

// BenchmarkReadJSONLines is the same for JSON Lines, whose records are located by offset.
func BenchmarkReadJSONLines(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		var buf bytes.Buffer
		for i := range n {
			fmt.Fprintf(&buf, `{"user":"user%06d@example.com","displayName":"G%d S%d","givenName":"G","surName":"S","timezone":"Europe/Berlin","failoverGroups":["emea"]}`+"\n", i, i, i)
		}
		data := buf.Bytes()
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if recs, err := userfile.Read(bytes.NewReader(data), "bench.jsonl", userfile.ModeSync); err != nil || len(recs) != n {
					b.Fatalf("%d records, %v", len(recs), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
		})
	}
}
