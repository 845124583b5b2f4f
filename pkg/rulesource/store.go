// Package rulesource holds the rules the webhook serves and keeps them current from a watched file
// or from one ConfigMap through an informer. New rules that fail validation are rejected and the
// last good ones keep serving.
package rulesource

import (
	"crypto/sha256"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/go-logr/logr"

	"github.com/netiso/netiso/pkg/rules"
)

// Reasons a reload fails, as counted in netiso_rules_reload_errors_total.
const (
	FailInvalid    = "invalid"    // the rules do not parse or validate
	FailUnreadable = "unreadable" // the file or ConfigMap could not be read or decoded
	FailDeleted    = "deleted"    // the source is gone
)

// Store holds the rules in force. Readers never block: the rules are swapped atomically.
type Store struct {
	// Check, when set, is what valid rules must also pass to be served (the policies they imply
	// must be valid, when netiso owns them): rules that fail it are rejected like invalid ones.
	Check func(*rules.Compiled) error

	opts rules.Options
	log  logr.Logger
	cur  atomic.Pointer[rules.Compiled]

	// applying serializes Apply and Fail, so that two reloads never hold three rule sets at once.
	applying sync.Mutex
	// applied is the SHA-256 of the bytes of the rules in force, zero after a failure: bytes seen
	// again (an informer's resync, a touched file) are not parsed and compiled again.
	applied [sha256.Size]byte

	mu   sync.Mutex
	subs []chan struct{}
}

// NewStore returns an empty store; it is not ready until rules are applied.
func NewStore(opts rules.Options, log logr.Logger) *Store {
	return &Store{opts: opts, log: log}
}

// Rules returns the rules in force, or nil before any were loaded.
func (s *Store) Rules() *rules.Compiled { return s.cur.Load() }

// Apply compiles a rules document read from source and, if it is valid, serves it. If not, the error
// is logged, counted and returned, and the rules in force stay. The very bytes of the rules in
// force cost only a hash.
func (s *Store) Apply(source string, data []byte) error {
	sum := sha256.Sum256(data)
	s.applying.Lock()
	defer s.applying.Unlock()
	if sum == s.applied {
		return nil
	}
	doc, err := rules.Parse(source, data)
	var c *rules.Compiled
	if err == nil {
		c, err = rules.Compile(doc, s.opts)
	}
	if err == nil && s.Check != nil {
		err = s.Check(c)
	}
	if err != nil {
		s.fail(FailInvalid, source, err)
		return err
	}
	s.applied = sum
	stale.Set(0)
	old := s.cur.Swap(c)
	if old != nil && old.Hash() == c.Hash() {
		return nil // same rules, perhaps reformatted: nothing changed
	}
	version.Reset()
	version.WithLabelValues(c.Hash()).Set(1)
	services.Set(float64(c.Len()))
	links.Set(float64(c.Links()))
	loaded.SetToCurrentTime()
	previous := ""
	if old != nil {
		previous = old.Hash()
	}
	s.log.Info("serving rules", "source", source, "version", c.Hash(), "previous", previous, "services", c.Len(), "links", c.Links())
	s.notify()
	return nil
}

// Changed returns a channel that receives a value after the rules version changes (the first
// load included). Signals coalesce: a subscriber that is busy when several changes land sees one,
// and then reads the newest rules with Rules.
func (s *Store) Changed() <-chan struct{} {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subs = append(s.subs, ch)
	if s.cur.Load() != nil {
		ch <- struct{}{} // rules already loaded: the subscriber has not seen them yet
	}
	return ch
}

func (s *Store) notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // a signal is already pending
		}
	}
}

// Fail records that the source could not give new rules; the rules in force stay.
func (s *Store) Fail(reason, source string, err error) {
	s.applying.Lock()
	defer s.applying.Unlock()
	s.fail(reason, source, err)
}

func (s *Store) fail(reason, source string, err error) {
	s.applied = [sha256.Size]byte{} // the same bytes again must clear the failure
	reloadErrors.WithLabelValues(reason).Inc()
	serving := "none"
	if c := s.cur.Load(); c != nil {
		serving = c.Hash()
		stale.Set(1)
	}
	s.log.Error(err, "rejected new rules; the last good rules keep serving", "reason", reason, "source", source, "serving", serving)
}

// ReadyCheck is a readyz check: ready once rules are loaded, and from then on (a bad update keeps
// the last good rules serving, so the webhook stays ready).
func (s *Store) ReadyCheck(*http.Request) error {
	if s.cur.Load() == nil {
		return errors.New("no rules loaded yet")
	}
	return nil
}
