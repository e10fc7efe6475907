package phrases

import "strings"

// ParseList compiles a lexicon file: one pattern per line; blank lines and
// lines starting with # are skipped, and so is anything after " #" on a
// line. Every bad line is reported, in an [ErrorList] whose errors carry
// their line number; the patterns of the good lines are returned either way.
func ParseList(src string) ([]*Pattern, error) {
	var pats []*Pattern
	var errs ErrorList
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if k := strings.Index(line, " #"); k >= 0 {
			line = line[:k]
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		p, err := Compile(trimmed)
		if err != nil {
			e := err.(*Error)
			e.Line = n + 1
			errs = append(errs, e)
			continue
		}
		pats = append(pats, p)
	}
	return pats, errs.Err()
}
