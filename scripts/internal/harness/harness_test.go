package harness

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0}, {[]time.Duration{3}, 3}, {[]time.Duration{5, 1, 3}, 3}, {[]time.Duration{4, 1, 3, 2}, 2},
	} {
		if got := Median(tc.in); got != tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := MedianInt([]int64{10, 30, 20, 40}); got != 25 {
		t.Errorf("MedianInt = %d, want 25", got)
	}
	in := []time.Duration{3, 1, 2}
	Median(in)
	if in[0] != 3 {
		t.Error("Median sorted its argument")
	}
}

func TestThrottledCountsByMethodFromAnOffset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ecmock.log")
	old := "time=x method=GET path=/44444 status=503 duration=1ms id=a\n"
	fresh := "time=x method=GET path=/44444 status=200 duration=1ms id=b\n" +
		"time=x method=PUT path=/44444 status=429 duration=1ms id=c\n" +
		"time=x method=PUT path=/44444 status=503 duration=1ms id=d\n" +
		"time=x method=HEAD path=/44444 status=503 duration=1ms id=e\n"
	if err := os.WriteFile(path, []byte(old+fresh), 0o644); err != nil {
		t.Fatal(err)
	}
	m := &Mock{LogPath: path}
	got, end, err := m.Throttled(int64(len(old)))
	if err != nil {
		t.Fatal(err)
	}
	if got["PUT"] != 2 || got["HEAD"] != 1 || got["GET"] != 0 || end != int64(len(old+fresh)) {
		t.Errorf("Throttled = %v, %d", got, end)
	}
}
