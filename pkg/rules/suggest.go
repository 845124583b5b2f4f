package rules

import (
	"cmp"
	"slices"
	"strings"
)

// Suggest returns the candidates close enough to word to be what was meant, closest first (at most
// three): within an edit distance of a third of word's length (at least 1, at most 3), ignoring
// case, or containing word, or contained in it, when word has four letters or more. None for an
// exact match.
func Suggest(word string, candidates []string) []string {
	type near struct {
		name string
		d    int
	}
	lw := strings.ToLower(word)
	limit := min(max(len(word)/3, 1), 3)
	var found []near
	for _, c := range candidates {
		if c == word {
			return nil
		}
		lc := strings.ToLower(c)
		d := editDistance(lw, lc, limit)
		switch {
		case d <= limit:
		case len(lw) >= 4 && (strings.Contains(lc, lw) || strings.Contains(lw, lc) && len(lc) >= 4):
			d = limit + 1 // after every near spelling
		default:
			continue
		}
		found = append(found, near{c, d})
	}
	slices.SortFunc(found, func(a, b near) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.name, b.name)) })
	out := make([]string, 0, min(len(found), 3))
	for _, n := range found[:min(len(found), 3)] {
		out = append(out, n.name)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// editDistance is the optimal string alignment distance of a and b (bytes): insertions,
// deletions, substitutions and swaps of neighbours ("tpye"), or limit+1 as soon as it must exceed
// limit: a rules set has thousands of names, and most are far from any typo.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	older := make([]int, len(b)+1) // row i-2
	prev := make([]int, len(b)+1)  // row i-1
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], older[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		older, prev, cur = prev, cur, older
	}
	return prev[len(b)]
}
