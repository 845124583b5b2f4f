package imagesig

import (
	"context"
	"testing"
	"time"

	"github.com/netiso/netiso/pkg/rules"
)

// BenchmarkLookupWarm is the admission path's cost for a digest already verified.
func BenchmarkLookupWarm(b *testing.B) {
	reg := newRegistry(b)
	ci := newKey(b, "ci")
	d := reg.push(b, "shop/cart")
	reg.sign(b, d, ci)
	v := New(reg.options(Options{RetryAfter: time.Hour}))
	// Another builder first: its negative result is read too, as a service signed by either would.
	builders := []rules.Builder{newKey(b, "other").builder, ci.builder}
	if r := v.Wait(context.Background(), d, builders, 5*time.Second); r.Verified != "ci" {
		b.Fatalf("%+v", r)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := v.Lookup(d, builders); r.Verified != "ci" {
			b.Fatalf("%+v", r)
		}
	}
}

// BenchmarkWaitCold is a fresh signed digest verified at admission: the registry pinged, the
// signature manifest and its payload fetched from the in-process registry over TLS (connections
// pooled by the transport; one Puller per check), the signature verified.
func BenchmarkWaitCold(b *testing.B) {
	reg := newRegistry(b)
	ci := newKey(b, "ci")
	v := New(reg.options(Options{}))
	builders := []rules.Builder{ci.builder}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := reg.push(b, "shop/cart")
		reg.sign(b, d, ci)
		b.StartTimer()
		if r := v.Wait(context.Background(), d, builders, 5*time.Second); r.Verified != "ci" {
			b.Fatalf("%+v", r)
		}
	}
}
