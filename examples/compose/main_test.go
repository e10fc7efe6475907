package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/empathy-go/empathy/deescalate"
)

const complaint = "My order arrived broken and nobody answered my emails!"

func compose(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestReplyFromStdin(t *testing.T) {
	code, out, errs := compose(t, complaint,
		"-name", "Maria", "-agent", "Sam", "-contact", "555-0142",
		"-remedy", "a full refund", "-remedy", "a replacement sent today", "-by", "by Friday")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"Maria", "Sam", "555-0142", "your order arrived broken and nobody answered your emails",
		"a full refund or a replacement sent today", "by Friday"} {
		if !strings.Contains(out, want) {
			t.Errorf("reply lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "restate") {
		t.Errorf("plan printed without -plan:\n%s", out)
	}
	ev := deescalate.Evaluate(out, deescalate.WithCustomer(complaint))
	if !ev.Report.Passed || len(ev.AntiPatterns) > 0 {
		t.Errorf("printed reply scores %.1f with anti-patterns %v", ev.Report.Score, ev.AntiPatterns)
	}
}

func TestPlan(t *testing.T) {
	code, out, _ := compose(t, complaint, "-plan", "-remedy", "a refund", "-remedy", "a replacement")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"\nrestate ", "\nvalidate ", "\napologize ", "\noptions ", "\ncommit ", "\nfollow_up ", "\nthank ", "passed true"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
}

func TestFileEmailAndSeeds(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "message.txt")
	if err := os.WriteFile(file, []byte("You charged me twice for the same order."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, one, _ := compose(t, "", "-register", "email", "-agent", "Priya", "-seed", "3", file)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(one, "\n\n") || !strings.HasSuffix(one, "\nPriya\n") {
		t.Errorf("not an e-mail signed by the agent:\n%s", one)
	}
	if !strings.Contains(one, "we charged you twice for the same order") {
		t.Errorf("no restatement:\n%s", one)
	}
	_, again, _ := compose(t, "", "-register", "email", "-agent", "Priya", "-seed", "3", file)
	_, other, _ := compose(t, "", "-register", "email", "-agent", "Priya", "-seed", "4", file)
	if again != one {
		t.Error("the same seed gave two replies")
	}
	if other == one {
		t.Error("seeds 3 and 4 gave the same reply")
	}
}

func TestJSON(t *testing.T) {
	code, out, _ := compose(t, complaint, "-json", "-remedy", "a refund")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var res jsonReply
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.Text == "" || len(res.Sentences) == 0 || !res.Passed || len(res.AntiPatterns) != 0 {
		t.Errorf("unexpected result: %+v", res)
	}
	for _, s := range res.Sentences {
		if res.Text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %q has offsets %d-%d", s.Text, s.Start, s.End)
		}
	}
}

func TestRefusedAndUsage(t *testing.T) {
	code, _, errs := compose(t, complaint, "-remedy", "a refund, but only if it's company policy")
	if code != 1 || !strings.Contains(errs, "Remedies[0]") || !strings.Contains(errs, "policy") {
		t.Errorf("anti-pattern in a remedy: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := compose(t, "  \n"); code != 2 || !strings.Contains(errs, "no customer message") {
		t.Errorf("empty message: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := compose(t, complaint, "-register", "fax"); code != 2 || !strings.Contains(errs, "fax") {
		t.Errorf("bad register: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := compose(t, complaint, "-nosuchflag"); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if code, _, errs := compose(t, "", "no/such/file.txt"); code != 2 || !strings.Contains(errs, "no/such/file.txt") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := compose(t, "", "a.txt", "b.txt"); code != 2 {
		t.Errorf("two files: exit %d, want 2", code)
	}
}
