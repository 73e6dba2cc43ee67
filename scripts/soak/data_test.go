package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestChangeAndSameUsers(t *testing.T) {
	rows := newUsers(1, 1)
	desired, n := change(rows)
	if n != (changes{update: users / 10, create: users / 10, delete: users / 10}) || len(desired) != users {
		t.Errorf("changes %+v, %d rows", n, len(desired))
	}
	if err := sameUsers(rows, rows); err != nil {
		t.Error(err)
	}
	if err := sameUsers(desired, rows); err == nil || !strings.Contains(err.Error(), "differ") {
		t.Errorf("sameUsers of different rows: %v", err)
	}
	twice := append([][]string{rows[0]}, rows[:len(rows)-1]...)
	if err := sameUsers(twice, rows); err == nil || !strings.Contains(err.Error(), "exists twice") {
		t.Errorf("sameUsers with an address twice: %v", err)
	}
	if want := fmt.Sprintf("soak.r1.a1.%05d@create.example", 0); rows[0][0] != want {
		t.Errorf("first user %s, want %s", rows[0][0], want)
	}
}
