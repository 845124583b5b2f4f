package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/netiso/netiso/pkg/names"
)

// Default label prefixes. The webhook owns every key under them.
const (
	DefaultEgressPrefix     = names.EgressPrefix
	DefaultEgressTypePrefix = names.EgressTypePrefix
	// LabelValue is the value of every granted label.
	LabelValue = "true"
)

// Options are the label scheme. They are part of the rules' version: other prefixes, other labels.
type Options struct {
	EgressPrefix     string `json:"egressPrefix"`
	EgressTypePrefix string `json:"egressTypePrefix"`
}

// DefaultOptions is the label scheme of docs/design.md.
func DefaultOptions() Options {
	return Options{EgressPrefix: DefaultEgressPrefix, EgressTypePrefix: DefaultEgressTypePrefix}
}

func (o Options) validate() Errors {
	var errs Errors
	for _, p := range []struct{ flag, value string }{
		{"egress prefix", o.EgressPrefix}, {"egress-type prefix", o.EgressTypePrefix},
	} {
		for _, msg := range validation.IsDNS1123Subdomain(p.value) {
			errs = append(errs, &Error{Problem: fmt.Sprintf("%s %q: %s", p.flag, p.value, msg)})
		}
	}
	if o.EgressPrefix == o.EgressTypePrefix {
		errs = append(errs, &Error{Problem: fmt.Sprintf("egress and egress-type prefixes are both %q: a service and a type of the same name would share a label", o.EgressPrefix)})
	}
	return errs
}

// IsManaged reports whether a label key is under one of the managed prefixes.
func (o Options) IsManaged(key string) bool {
	return hasPrefixSlash(key, o.EgressPrefix) || hasPrefixSlash(key, o.EgressTypePrefix)
}

func hasPrefixSlash(key, prefix string) bool {
	return len(key) > len(prefix) && key[len(prefix)] == '/' && strings.HasPrefix(key, prefix)
}

// CalleeKey is the label a caller of the named service carries.
func (o Options) CalleeKey(service string) string { return o.EgressPrefix + "/" + LabelName(service) }

// TypeKey is the label a caller of every service of the named type carries.
func (o Options) TypeKey(typ string) string { return o.EgressTypePrefix + "/" + LabelName(typ) }

const (
	hashLen   = 10
	nameLimit = validation.LabelValueMaxLength // 63, the same limit as a label key's name part
)

// LabelName is the name part of a label key for a service or type name. A name that is already a
// valid name part is used as it is; any other gets a deterministic shortened form: its valid
// characters, cut to fit, then "-" and a hash of the whole name, so two names never share one.
func LabelName(name string) string {
	if isLabelName(name) {
		return name
	}
	return ShortName(name, name, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
	})
}

// ShortName is the one shortening netiso uses for names that must fit 63 characters (label names
// here, policy object names in pkg/policy): s with every rune keep refuses made "-", cut to leave
// room for "-" and 10 hex digits of SHA-256(hashed), its non-alphanumeric ends trimmed, then "-" and
// the digits (the digits alone when nothing is left). hashed is what the name stands for, never the
// cut stem, so two names never share a short form. keep must accept only ASCII.
func ShortName(s, hashed string, keep func(rune) bool) string {
	sum := sha256.Sum256([]byte(hashed))
	suffix := hex.EncodeToString(sum[:])[:hashLen]
	var b strings.Builder
	for _, r := range s {
		if keep(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	stem := b.String()
	if max := nameLimit - 1 - hashLen; len(stem) > max {
		stem = stem[:max]
	}
	stem = strings.TrimFunc(stem, func(r rune) bool { return !isAlnum(r) })
	if stem == "" {
		return suffix
	}
	return stem + "-" + suffix
}

// isLabelName reports whether s is a valid label-key name part, as validation.IsQualifiedName
// would for a key without a prefix (and so a valid label value too), without its regular
// expression, which took two fifths of the time to compile 15,000 services.
func isLabelName(s string) bool {
	if len(s) == 0 || len(s) > nameLimit || !isAlnum(rune(s[0])) || !isAlnum(rune(s[len(s)-1])) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; !isAlnum(rune(c)) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
