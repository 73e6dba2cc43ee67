package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestZonesUpToDate fails when ../../zones.txt differs from what the current Go toolchain's tz
// database gives, i.e. after a Go upgrade brought new zones: run go generate ./internal/validate.
func TestZonesUpToDate(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil && os.Getenv("GOROOT") == "" {
		t.Skip("no go command to find GOROOT")
	}
	zipPath, err := defaultZip()
	if err != nil {
		t.Fatal(err)
	}
	names, err := zoneNames(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "zones.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got := render(names); got != string(committed) {
		t.Errorf("zones.txt is out of date with %s; run: go generate ./internal/validate", zipPath)
	}
}

func TestRunWritesHeaderAndZones(t *testing.T) {
	zipPath, err := defaultZip()
	if err != nil {
		t.Skip(err)
	}
	out := filepath.Join(t.TempDir(), "zones.txt")
	if err := run(zipPath, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < len(header) || string(b[:len(header)]) != header {
		t.Errorf("output does not start with the header:\n%.200s", b)
	}
	if !strings.Contains(string(b), "\nEurope/Berlin\n") {
		t.Error("output lacks Europe/Berlin")
	}
}

func TestZoneNamesMissingZip(t *testing.T) {
	if _, err := zoneNames(filepath.Join(t.TempDir(), "nope.zip")); err == nil {
		t.Error("want an error for a missing zip")
	}
}
