package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/netiso/netiso/certs"
)

// minimalFlag, as the first argument, makes this program the minimal endpoint instead:
// `load -serve-minimal ADDR CERTDIR`. It is not a flag of the load test (it is absent from -help):
// the load test runs itself this way, as a second server.
const minimalFlag = "-serve-minimal"

func minimalArgs(addr, certDir string) []string { return []string{minimalFlag, addr, certDir} }

// serveMinimal serves, over HTTPS with the webhook's TLS settings (≥ 1.2, HTTP/1.1), an endpoint
// that only decodes the AdmissionReview and answers "allowed": the floor the webhook is compared
// with. It stops on SIGTERM or SIGINT.
func serveMinimal(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: %s ADDR CERTDIR", minimalFlag)
	}
	addr, dir := args[0], args[1]
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, certs.CertFile), filepath.Join(dir, certs.KeyFile))
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              addr,
		Handler:           http.HandlerFunc(minimalHandler),
		ReadHeaderTimeout: 10 * time.Second,
		TLSConfig: &tls.Config{
			Certificates: []tls.Certificate{cert},
			MinVersion:   tls.VersionTLS12,
			NextProtos:   []string{"http/1.1"},
		},
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.ListenAndServeTLS("", ""); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func minimalHandler(w http.ResponseWriter, r *http.Request) {
	var review admissionv1.AdmissionReview
	if err := json.NewDecoder(r.Body).Decode(&review); err != nil || review.Request == nil {
		http.Error(w, "not an AdmissionReview request", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(admissionv1.AdmissionReview{
		TypeMeta: review.TypeMeta,
		Response: &admissionv1.AdmissionResponse{UID: review.Request.UID, Allowed: true},
	})
}
