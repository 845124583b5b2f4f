// Package imagesig checks that an image digest carries a builder's signature, as `cosign sign
// --key` writes it to the image's repository (the manifest tagged sha256-<hex>.sig), for the
// identity anchor rules.Identity.SignedBy. The admission path never waits on a registry for long:
// a Verifier answers from its cache, checks what it does not know in the background (bounded in
// time, bytes, concurrency and memory, whatever the registry does), and says when a check is done
// so that the pods running that digest can be judged again.
package imagesig

import (
	"container/list"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/netiso/netiso/pkg/rules"
)

// Options configure a Verifier; the zero value is usable.
type Options struct {
	// Keychain gives the credentials of each registry; nil: authn.DefaultKeychain (DOCKER_CONFIG).
	// KeychainFromDir reads a mounted kubernetes.io/dockerconfigjson Secret.
	Keychain authn.Keychain
	// Transport carries the requests to registries; nil: remote.DefaultTransport.
	Transport http.RoundTripper
	// Timeout is one check's budget against the registry (default 5s).
	Timeout time.Duration
	// RetryAfter is how long a negative result (or a failed check) is served before the digest is
	// checked again (default 10s): a builder may sign after the pod exists.
	RetryAfter time.Duration
	// CacheSize is the most (digest, key) results kept, least recently used dropped (default 10000).
	CacheSize int
	// MaxInFlight is the most checks run at once (default 8).
	MaxInFlight int
	// QueueSize is the most checks waiting for one of those (default 256); a check asked for beyond
	// it is not started (Pending; the next lookup asks again).
	QueueSize int
	// OnChecked, when set, is called with the digest ("sha256:…") after each background check
	// completes, whatever its outcome, so that a reconciler judges again the pods running it. It is
	// called on the checking goroutine: it should hand the digest off, not work.
	OnChecked func(digest string)
}

// The defaults of Options, exported for the flags that set them.
const (
	DefaultTimeout     = 5 * time.Second
	DefaultRetryAfter  = 10 * time.Second
	DefaultCacheSize   = 10000
	defaultMaxInFlight = 8
	defaultQueueSize   = 256
	// maxKeys bounds the parsed keys kept: the rules name a handful of builders, but a key cache
	// that grew with every rules change would grow for ever.
	maxKeys = 1024
)

// Result is what is known of a digest's signature by a set of builders.
type Result struct {
	// Verified names the builder whose signature verified; empty if none did.
	Verified string
	// Pending is true while the digest is being checked (or waits to be), or while the registry fails
	// to answer (unreachable, timed out, nonsense): not verified yet, and not known to be unsigned.
	Pending bool
	// Problem says, for people, why the digest is not verified: "no signature", "signed by another
	// key", "registry unreachable: …", "timed out after 5s"; while Pending, what is being done.
	Problem string
}

// Verifier checks and caches image signatures. Safe for concurrent use; its goroutines exist only
// while checks run (at most MaxInFlight), so it needs no closing.
type Verifier struct {
	o         Options
	keychain  authn.Keychain
	transport http.RoundTripper

	mu       sync.Mutex
	keys     map[string]*key // by PEM text
	cache    map[cacheKey]*list.Element
	lru      list.List // of *entry, most recently used first
	inflight map[string]*check
	queue    []*check
	running  int
}

// key is a builder's public key, parsed once per PEM text.
type key struct {
	fp       [sha256.Size]byte // of the key's DER: the cache tells keys apart by it, not by name
	verifier signature.Verifier
	err      error
}

type cacheKey struct {
	digest string // registry/repository@sha256:…: a signature is looked for in the image's repository
	fp     [sha256.Size]byte
}

type entry struct {
	key      cacheKey
	verified bool
	// transient: the registry failed (unreachable, timed out, answered nonsense): the answer is
	// unknown, not "unsigned", and is reported as pending until a check gets through.
	transient bool
	problem   string
	at        time.Time
}

// check is one background check of a digest: its signature manifest fetched once, verified
// against every key asked for until it was fetched.
type check struct {
	digest name.Digest
	keys   map[[sha256.Size]byte]*key
	sealed bool // the keys were taken for verifying: later ones wait for the next check
	done   chan struct{}
}

// New returns a Verifier with o's settings (defaults for zero values), and registers the
// package's metrics in controller-runtime's registry (once).
func New(o Options) *Verifier {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = DefaultRetryAfter
	}
	if o.CacheSize <= 0 {
		o.CacheSize = DefaultCacheSize
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = defaultMaxInFlight
	}
	if o.QueueSize <= 0 {
		o.QueueSize = defaultQueueSize
	}
	v := &Verifier{
		o:         o,
		keychain:  o.Keychain,
		transport: o.Transport,
		keys:      map[string]*key{},
		cache:     map[cacheKey]*list.Element{},
		inflight:  map[string]*check{},
	}
	if v.keychain == nil {
		v.keychain = authn.DefaultKeychain
	}
	if v.transport == nil {
		v.transport = remote.DefaultTransport
	}
	// Every body a registry sends is read through a limit: a registry answering gigabytes costs a
	// check a megabyte.
	v.transport = limitTransport{inner: v.transport, max: maxBody}
	registerMetrics()
	return v
}

// Lookup returns what is known of d's signature by any of builders, without waiting: a verified
// result is kept for good (a digest never changes meaning), a negative one for RetryAfter. A
// digest not known (or due for a re-check) is checked in the background, and is Pending until then.
func (v *Verifier) Lookup(d name.Digest, builders []rules.Builder) Result {
	r, _ := v.lookup(d, builders, time.Time{})
	return r
}

// Wait is Lookup that waits, up to wait and while ctx lasts, for a check it starts or finds
// running: the webhook waits about a second, so that a healthy registry verifies a pod at its
// creation. It returns Pending when the check has not ended by then.
func (v *Verifier) Wait(ctx context.Context, d name.Digest, builders []rules.Builder, wait time.Duration) Result {
	start := time.Now()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		// Results from checks that ended since Wait began are taken, however short RetryAfter.
		r, c := v.lookup(d, builders, start)
		if !r.Pending || c == nil {
			return r
		}
		select {
		case <-c.done:
		case <-timer.C:
			return r
		case <-ctx.Done():
			return r
		}
	}
}

// lookup answers from the cache, or starts (or joins) a check and returns it with a Pending
// result. Negative results from at or after fresh are served however old.
func (v *Verifier) lookup(d name.Digest, builders []rules.Builder, fresh time.Time) (Result, *check) {
	if len(builders) == 0 {
		return Result{Problem: "no builder's key to check it against"}, nil
	}
	digest := digestKey(d)
	var now time.Time // read only for a negative result: the verified path is the hot one
	v.mu.Lock()
	defer v.mu.Unlock()

	var buf [4]problem
	problems := buf[:0] // one per builder not verified
	var missing []*key
	stale := ""
	transient := false
	for _, b := range builders {
		k := v.key(b.PublicKey)
		if k.err != nil {
			problems = append(problems, problem{b.Name, k.err.Error()})
			continue
		}
		el, ok := v.cache[cacheKey{digest, k.fp}]
		if !ok {
			missing = append(missing, k)
			continue
		}
		e := el.Value.(*entry)
		if e.verified {
			v.lru.MoveToFront(el)
			return Result{Verified: b.Name}, nil
		}
		if now.IsZero() {
			now = time.Now()
		}
		if now.Sub(e.at) >= v.o.RetryAfter && (fresh.IsZero() || e.at.Before(fresh)) {
			missing = append(missing, k)
			stale = e.problem
			continue
		}
		v.lru.MoveToFront(el)
		problems = append(problems, problem{b.Name, e.problem})
		transient = transient || e.transient
	}
	if len(missing) == 0 {
		return Result{Pending: transient, Problem: joinProblems(problems)}, nil
	}

	c := v.inflight[digest]
	if c == nil {
		c = &check{digest: d, keys: map[[sha256.Size]byte]*key{}, done: make(chan struct{})}
		switch {
		case v.running < v.o.MaxInFlight:
			v.running++
			go v.run(c)
		case len(v.queue) < v.o.QueueSize:
			v.queue = append(v.queue, c)
		default:
			checksDropped.Inc()
			return Result{Pending: true, Problem: "too many signature checks waiting; asked again at the next lookup"}, nil
		}
		v.inflight[digest] = c
	}
	if !c.sealed {
		for _, k := range missing {
			c.keys[k.fp] = k
		}
	}
	if stale != "" {
		return Result{Pending: true, Problem: "checking again; last time: " + stale}, c
	}
	return Result{Pending: true, Problem: "waiting for the registry"}, c
}

// digestKey is d in full, as d.Name() has it, in one allocation (the warm lookup's only one).
func digestKey(d name.Digest) string {
	return d.RegistryStr() + "/" + d.RepositoryStr() + "@" + d.DigestStr()
}

// problem is why a builder's signature did not verify.
type problem struct{ builder, why string }

// joinProblems says why no builder verified: the problem itself when every builder has the same
// one ("no signature"), else each builder's.
func joinProblems(problems []problem) string {
	if len(problems) == 0 {
		return "not verified"
	}
	for _, p := range problems[1:] {
		if p.why != problems[0].why {
			each := make([]string, len(problems))
			for i, p := range problems {
				each[i] = p.builder + ": " + p.why
			}
			return strings.Join(each, "; ")
		}
	}
	return problems[0].why
}

// key returns the parsed key of a PEM text, parsing it the first time. v.mu is held.
func (v *Verifier) key(pem string) *key {
	if k, ok := v.keys[pem]; ok {
		return k
	}
	if len(v.keys) >= maxKeys {
		clear(v.keys) // parsed again when asked for: cheap, and rare (thousands of key changes)
	}
	k := parseKey(pem)
	v.keys[pem] = k
	return k
}

// parseKey reads a builder's PEM public key as cosign reads --key: the verifier for its type,
// hashing with SHA-256.
func parseKey(pem string) *key {
	k := &key{}
	pub, err := cryptoutils.UnmarshalPEMToPublicKey([]byte(pem))
	if err != nil {
		k.err = fmt.Errorf("invalid public key: %w", err)
		return k
	}
	der, err := cryptoutils.MarshalPublicKeyToDER(pub)
	if err != nil {
		k.err = fmt.Errorf("invalid public key: %w", err)
		return k
	}
	k.fp = sha256.Sum256(der)
	if k.verifier, err = signature.LoadVerifier(pub, defaultHash); err != nil {
		k.err = fmt.Errorf("unsupported public key: %w", err)
	}
	return k
}

// run does c, then the checks queued, one after the other, until none waits.
func (v *Verifier) run(c *check) {
	for c != nil {
		v.do(c)
		v.mu.Lock()
		if len(v.queue) > 0 {
			c = v.queue[0]
			v.queue[0] = nil
			v.queue = v.queue[1:]
		} else {
			v.running--
			c = nil
		}
		v.mu.Unlock()
	}
}

// do checks c's digest against its keys and caches the results.
func (v *Verifier) do(c *check) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), v.o.Timeout)
	sigs, err := fetchSignatures(ctx, c.digest, v.keychain, v.transport)
	timedOut := errors.Is(ctx.Err(), context.DeadlineExceeded)
	cancel()
	checkDuration.Observe(time.Since(start).Seconds())

	v.mu.Lock()
	c.sealed = true
	keys := c.keys
	v.mu.Unlock()

	type outcome struct {
		fp      [sha256.Size]byte
		result  string
		problem string
	}
	// Any failure to get the signature manifest but its absence is the registry's, not an answer:
	// the result stays pending until a check gets through.
	transient := err != nil && !errors.Is(err, errNoSignature)
	outcomes := make([]outcome, 0, len(keys))
	for fp, k := range keys {
		var result, problem string
		if err != nil {
			result, problem = classify(err, timedOut, v.o.Timeout)
		} else {
			result, problem = verifySignatures(sigs, c.digest, k.verifier)
		}
		checks.WithLabelValues(result).Inc()
		outcomes = append(outcomes, outcome{fp, result, problem})
	}

	now := time.Now()
	digest := digestKey(c.digest)
	v.mu.Lock()
	for _, o := range outcomes {
		v.store(&entry{key: cacheKey{digest, o.fp}, verified: o.result == resultVerified,
			transient: transient, problem: o.problem, at: now})
	}
	delete(v.inflight, digest)
	v.mu.Unlock()
	close(c.done)
	if v.o.OnChecked != nil {
		v.o.OnChecked(c.digest.DigestStr())
	}
}

// store caches e, dropping the least recently used entries beyond CacheSize. v.mu is held.
func (v *Verifier) store(e *entry) {
	if el, ok := v.cache[e.key]; ok {
		el.Value = e
		v.lru.MoveToFront(el)
		return
	}
	v.cache[e.key] = v.lru.PushFront(e)
	cacheEntries.Inc()
	for v.lru.Len() > v.o.CacheSize {
		old := v.lru.Back()
		v.lru.Remove(old)
		delete(v.cache, old.Value.(*entry).key)
		cacheEntries.Dec()
	}
}

// Len returns the number of (digest, key) results cached.
func (v *Verifier) Len() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.lru.Len()
}

// classify turns a failed fetch into a metric's result and a problem for people.
func classify(err error, timedOut bool, timeout time.Duration) (result, problem string) {
	var bad *badSignatureError
	switch {
	case errors.Is(err, errNoSignature):
		return resultUnsigned, "no signature"
	case timedOut || errors.Is(err, context.DeadlineExceeded):
		return resultTimeout, fmt.Sprintf("timed out after %s", timeout)
	case errors.As(err, &bad):
		return resultInvalid, bad.Error()
	case errors.Is(err, errTooLarge):
		return resultInvalid, "invalid signature manifest: " + errTooLarge.Error()
	default:
		return resultError, registryProblem(err)
	}
}

// The metric's results.
const (
	resultVerified = "verified"
	resultUnsigned = "unsigned"
	resultInvalid  = "invalid"
	resultError    = "error"
	resultTimeout  = "timeout"
)

var (
	checks = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "netiso_signature_checks_total",
		Help: "Image signatures checked against a builder's key, by result (verified, unsigned, invalid, error, timeout).",
	}, []string{"result"})
	checkDuration = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "netiso_signature_check_duration_seconds",
		Help:    "Time to fetch (and verify) one image digest's signatures from its registry.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	})
	cacheEntries = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "netiso_signature_cache_entries",
		Help: "(Digest, key) signature results cached.",
	})
	checksDropped = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "netiso_signature_checks_dropped_total",
		Help: "Signature checks not started because MaxInFlight ran and the queue was full (asked again at the next lookup).",
	})
	registerOnce sync.Once
)

// registerMetrics adds the package's metrics to controller-runtime's registry, which the webhook
// serves. Done by New, not in init, so that importing the package registers nothing.
func registerMetrics() {
	registerOnce.Do(func() {
		for _, r := range []string{resultVerified, resultUnsigned, resultInvalid, resultError, resultTimeout} {
			checks.WithLabelValues(r) // every result shows, at 0
		}
		metrics.Registry.MustRegister(checks, checkDuration, cacheEntries, checksDropped)
	})
}
