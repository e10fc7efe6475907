package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = "../../testdata/sample-reply.txt"

func lint(t *testing.T, stdin string, color bool, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb, color)
	return code, out.String(), errb.String()
}

func TestGoodReplyPasses(t *testing.T) {
	code, out, _ := lint(t, "", false, sample)
	if code != 0 {
		t.Fatalf("exit %d for the sample reply, want 0:\n%s", code, out)
	}
	for _, want := range []string{"sample-reply.txt: score", "passed", "apologize: met", "validate: met", "I'm so sorry"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colour codes in plain output:\n%s", out)
	}
	if strings.Contains(out, "not_applicable") {
		t.Errorf("not-applicable findings listed without -all:\n%s", out)
	}
}

func TestBadReplyFails(t *testing.T) {
	code, out, _ := lint(t, "Calm down. It's our policy and there's nothing I can do. You should have read the terms.", false)
	if code != 1 {
		t.Fatalf("exit %d for a bad reply, want 1:\n%s", code, out)
	}
	for _, want := range []string{"<stdin>: score", "failed", "critical: policy", "<stdin>:1:1: dismiss: violated", "suggestion:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestColourHighlightsEvidence(t *testing.T) {
	_, out, _ := lint(t, "", true, sample)
	if !strings.Contains(out, reverse+"so sorry"+reset) && !strings.Contains(out, reverse+"I'm so sorry"+reset) {
		t.Errorf("evidence not highlighted:\n%q", out)
	}
}

func TestJSON(t *testing.T) {
	code, out, _ := lint(t, "", false, "-json", sample)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var res jsonResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.File != sample || !res.Passed || res.Score <= 0 || len(res.Techniques) == 0 || res.Report == nil {
		t.Errorf("unexpected result: %+v", res)
	}
}

func TestCustomerContext(t *testing.T) {
	dir := t.TempDir()
	cust := filepath.Join(dir, "customer.txt")
	if err := os.WriteFile(cust, []byte("I'm going to sue you! This is the fourth time I've called and I want a manager."), 0o644); err != nil {
		t.Fatal(err)
	}
	_, without, _ := lint(t, "", false, "-all", sample)
	_, with, _ := lint(t, "", false, "-all", "-customer", cust, sample)
	if !strings.Contains(without, "escalate: not_applicable") {
		t.Errorf("without context escalate should not apply:\n%s", without)
	}
	if strings.Contains(with, "escalate: not_applicable") {
		t.Errorf("an angry, litigious customer should make escalate apply:\n%s", with)
	}
}

func TestRubricFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "r.json")
	os.WriteFile(good, []byte(`{"id": "mini", "threshold": 50, "criteria": [{"id": "sorry", "expect": ["sorry"]}]}`), 0o644)
	code, out, _ := lint(t, "", false, "-rubric", good, sample)
	if code != 0 || !strings.Contains(out, "sorry: met") {
		t.Errorf("exit %d with a custom rubric:\n%s", code, out)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"id": "mini", "criteria": [{"id": "x", "avoid": ["sorry @VBX"]}]}`), 0o644)
	code, _, errs := lint(t, "", false, "-rubric", bad, sample)
	if code != 2 || !strings.Contains(errs, `criteria[0].avoid[0]`) || !strings.Contains(errs, "VBX") {
		t.Errorf("exit %d for a bad rubric file, stderr:\n%s", code, errs)
	}
}

func TestUsageAndIOErrors(t *testing.T) {
	if code, _, _ := lint(t, "", false, "-nosuchflag"); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if code, _, errs := lint(t, "", false, "no/such/file.txt"); code != 2 || !strings.Contains(errs, "no/such/file.txt") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := lint(t, "", false, "-customer", "no/such/customer.txt", sample); code != 2 {
		t.Errorf("missing customer file: exit %d, want 2", code)
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("word ", 30)
	b, a := clip(long, long)
	if !strings.HasPrefix(b, "…") || !strings.HasSuffix(a, "…") || len([]rune(b)) > context+2 || len([]rune(a)) > context+2 {
		t.Errorf("clip(%d, %d) = %q, %q", len(long), len(long), b, a)
	}
	if b, a := clip("short ", " text"); b != "short " || a != " text" {
		t.Errorf("short context clipped: %q %q", b, a)
	}
}
