# netiso — see README.md. Everything here works offline on a fresh clone: Go and make are all it needs.
GO        ?= go
CERT_DIR  ?= .cache/dev-certs
RULES     ?= examples/online-boutique/rules.yaml
PORT      ?= 9443

.PHONY: run test test-unit test-e2e test-runbook fuzz soak bench bench-reconcile bench-policies bench-apiserver lint build certs image
.PHONY: test-dataplane test-dataplane-if-able bench-dataplane test-calico test-dataplane-calico

## run: the webhook on https://localhost:$(PORT), with the example rules and generated dev certificates
run: certs
	@echo "netiso webhook: https://localhost:$(PORT)/mutate-v1-pod, rules $(RULES)"
	@echo "send it a pod (in another terminal):  hack/try.sh examples/online-boutique/admission-review-frontend.json"
	@echo "metrics: http://localhost:8080/metrics (plain HTTP: --metrics-secure=false)   ready: http://localhost:8081/readyz"
	$(GO) run ./cmd/webhook --rules-file=$(RULES) --service-label=app \
		--webhook-host=127.0.0.1 --webhook-port=$(PORT) --webhook-cert-path=$(CERT_DIR) \
		--metrics-bind-address=127.0.0.1:8080 --metrics-secure=false --health-probe-bind-address=127.0.0.1:8081 \
		--log-format=console --shutdown-delay=0s

## certs: a dev CA and a serving certificate for localhost in $(CERT_DIR) (kept while valid)
certs:
	$(GO) run ./certs/gen -dir $(CERT_DIR)

# TOOLS puts the source-built kube-apiserver, etcd, kubectl and helm on the environment
# (HELM_BIN, KUBEBUILDER_ASSETS); hack/tools.sh builds what is missing, once, and caches it.
TOOLS = eval "$$(hack/tools.sh)" && export HELM_BIN KUBEBUILDER_ASSETS
# COSIGN puts the real cosign CLI (built from source by hack/tools.sh, cached) on the environment:
# the suites sign images with it, as a builder would, and check netiso agrees with `cosign verify`.
COSIGN = eval "$$(hack/tools.sh cosign)" && export COSIGN_BIN
# PROMTOOL puts Prometheus' promtool (built from source by hack/tools.sh, cached) on the environment:
# deploy/helm's TestAlertRules runs `promtool check rules` and `promtool test rules` on the chart's alerts.
PROMTOOL = eval "$$(hack/tools.sh promtool)" && export PROMTOOL_BIN
# BROWSER puts a headless Chromium on the environment (CHROME_BIN): pkg/rulesview's TestBrowser loads
# the HTML rules view in it. hack/browser.sh installs Debian's chromium-headless-shell once (as root,
# through apt-get) when none is there; where none can be had it sets BROWSER_SKIP to the reason, and
# the test skips saying it.
BROWSER = eval "$$(hack/browser.sh)" && export CHROME_BIN BROWSER_SKIP

## test: every test CI runs: lint, unit and golden tests (the chart's too, its alerts through
## promtool), the real kube-apiserver suites (the webhook end to end, the chart applied and its
## policies exercised), the HTML rules view in headless Chromium, and every fuzz target for FUZZTIME
## (10 s each, about a minute in all)
test: lint
	@$(TOOLS) && $(COSIGN) && $(PROMTOOL) && $(BROWSER) && $(GO) test -race -count=1 ./... && \
		$(GO) test -tags e2e -count=1 -timeout 20m ./test/e2e/ && \
		$(GO) test -tags e2e -count=1 ./pkg/imagesig/ && \
		$(GO) test -tags e2e -count=1 -run TestStatusOnTheAPIServer ./cmd/netiso/ && \
		$(GO) test -tags runbook -count=1 -timeout 5m ./test/runbook/ && \
		cd hack/image && $(GO) test -count=1 ./...
	@$(MAKE) --no-print-directory fuzz
	@$(MAKE) --no-print-directory test-dataplane-if-able
	@$(MAKE) --no-print-directory test-calico

FUZZTIME ?= 10s
FUZZMINIMIZETIME ?= 5s
## fuzz: every fuzz target (found by hack/fuzz.sh) for FUZZTIME each; `make fuzz FUZZTIME=10m` for
## a long run. FUZZMINIMIZETIME bounds the fuzzer's shrinking of new inputs, whose silence ("0/sec")
## was once taken for a hung FuzzParse worker; hack/fuzz.sh says more. Failing inputs land in
## testdata/fuzz/ and are replayed by every `go test` after.
fuzz:
	FUZZTIME=$(FUZZTIME) FUZZMINIMIZETIME=$(FUZZMINIMIZETIME) GO=$(GO) hack/fuzz.sh

## test-unit: unit, golden and handler tests, with the race detector (chart tests skip without helm;
## the HTML view's browser test installs Chromium through hack/browser.sh, or skips saying why)
test-unit:
	@$(BROWSER) && $(GO) test -race -count=1 ./...

## test-e2e: the suite against a real kube-apiserver and etcd, built from source and cached by
## hack/tools.sh (the first build takes about 15 minutes on 2 cores; later runs, seconds)
test-e2e:
	@$(TOOLS) && $(COSIGN) && $(GO) test -tags e2e -count=1 -timeout 20m ./test/e2e/ && \
		$(GO) test -tags e2e -count=1 ./pkg/imagesig/ && \
		$(GO) test -tags e2e -count=1 -run TestStatusOnTheAPIServer ./cmd/netiso/ && \
		$(GO) test -count=1 -run TestAgainstAPIServer ./deploy/helm/

## test-runbook: docs/install.md's commands, as written, against a real kube-apiserver: helm install,
## the rules and policies applied, audit, enforce, a rules change, rollback, uninstall (about 25 s)
test-runbook:
	@$(TOOLS) && $(GO) test -tags runbook -count=1 -timeout 5m ./test/runbook/

# DATAPLANE puts kube-router (built from source and cached by hack/tools.sh) and iptables/ipset
# (from Debian, by hack/dataplane-deps.sh, when missing) on the environment, with TOOLS' binaries.
DATAPLANE = hack/dataplane-deps.sh && $(TOOLS) && eval "$$(hack/tools.sh kube-router)" && export KUBE_ROUTER_BIN

## test-dataplane: isolation on real packets, as root (see test/dataplane): kube-router enforcing the
## generated policies between network namespaces, the real API server, webhook and reconciler; the
## Online Boutique and a synthetic rule set, every pod to every pod on every port, and two faults.
## About two minutes once the binaries are cached (kube-router's first build: about 4 minutes)
test-dataplane:
	@$(DATAPLANE) && $(GO) test -tags dataplane -count=1 -timeout 15m ./test/dataplane/

# CALICO puts Calico v3.31.0's calico-apply and Felix (built from source from the tool module
# hack/calico and cached by hack/tools.sh) on the environment, with TOOLS' binaries.
CALICO = $(TOOLS) && eval "$$(hack/tools.sh calico)" && export CALICO_APPLY_BIN CALICO_FELIX_BIN

## test-dataplane-calico: the same suite with Calico's Felix enforcing instead of kube-router (v3.31.0,
## iptables mode, the Kubernetes datastore on the suite's API server; built from source by
## hack/tools.sh calico), as root. About 3 minutes once Calico is cached
test-dataplane-calico:
	@hack/dataplane-deps.sh && $(CALICO) && \
		DATAPLANE_ENFORCER=calico $(GO) test -tags dataplane -count=1 -timeout 15m ./test/dataplane/

# test-dataplane-if-able: what `make test` runs: the dataplane suite, with kube-router then with
# Felix, when root with the kernel features (hack/dataplane-deps.sh check), otherwise one line
# saying why it skipped.
test-dataplane-if-able:
	@if reason=$$(hack/dataplane-deps.sh check); then $(MAKE) --no-print-directory test-dataplane && \
		$(MAKE) --no-print-directory test-dataplane-calico; \
		else echo "test-dataplane skipped: $$reason"; fi

## test-calico: every Calico object netiso writes (`netiso policies --audit`: the Online Boutique, the
## zoned bank, a synthetic set), applied through Calico's own client (calico-apply: the path of
## `calicoctl apply`) to a real kube-apiserver with Calico's CRDs, and accepted (about 30 s; Calico's
## first build, about 10 to 19 minutes). It needs no root, so `make test` always runs it: there is no
## machine where the other real-API suites run and this one cannot
test-calico:
	@$(CALICO) && $(GO) test -tags calico -count=1 -timeout 10m ./test/calico/

DATAPLANE_BENCH_PODS ?= 200
## bench-dataplane: the change-to-packet benchmark (a link revoked and granted in the rules
## ConfigMap, timed until a real connection is refused or connects), with the suite's pods and with
## DATAPLANE_BENCH_PODS more; figures in docs/performance.md
bench-dataplane:
	@$(DATAPLANE) && DATAPLANE_BENCH_PODS=$(DATAPLANE_BENCH_PODS) $(GO) test -tags dataplane -count=1 -timeout 30m \
		-run '^$$' -bench ChangeToPacket -benchtime 10x ./test/dataplane/

## lint: no build output in git (hack/lint-tree.sh), gofmt, go vet, golangci-lint (.golangci.yml;
## built from the module proxy by hack/tools.sh, about 2 minutes the first time), helm lint
lint:
	@hack/lint-tree.sh
	@# testdata/ holds third-party applications' code, copied unchanged (discover reads it): not ours to format.
	@out=$$(gofmt -l $$(git ls-files '*.go' ':(exclude,glob)testdata/**' 2>/dev/null || find . -name '*.go' -not -path './.cache/*' -not -path './testdata/*')); \
		if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags e2e ./test/e2e/ ./cmd/netiso/
	$(GO) vet -tags runbook ./test/runbook/
	cd hack/image && $(GO) vet ./...
	cd hack/promql && $(GO) vet ./...
	$(GO) vet -tags dataplane ./test/dataplane/
	$(GO) vet -tags calico ./test/calico/
	cd hack/calico && CGO_ENABLED=0 $(GO) vet ./...
	@eval "$$(hack/tools.sh golangci-lint)" && $$GOLANGCI_LINT_BIN run ./... && \
		(cd hack/image && $$GOLANGCI_LINT_BIN run --config ../../.golangci.yml ./...) && \
		(cd hack/promql && $$GOLANGCI_LINT_BIN run --config ../../.golangci.yml ./...) && \
		cd hack/calico && CGO_ENABLED=0 $$GOLANGCI_LINT_BIN run --config ../../.golangci.yml ./...
	@$(TOOLS) && $$HELM_BIN lint --strict deploy/helm/netiso --namespace netiso-system

## bench: Go benchmarks and the load test (about 5 minutes on 2 cores); rewrites the figures in
## docs/performance.md
bench:
	hack/bench.sh

RECONCILE_PODS ?= 2000,10000
## bench-reconcile: what a rules change costs running pods, on the real kube-apiserver with the real
## webhook and reconciler (RECONCILE_PODS pod counts, one cluster each; about 10 minutes on 2 cores):
## one callee added to a 3-pod service, then a change of every grant at 20/s and 200/s. Prints the
## tables docs/performance.md quotes; a measurement, so not part of `make test`
bench-reconcile:
	@$(TOOLS) && $(GO) run ./test/reconcilebench -pods $(RECONCILE_PODS) -report .cache/bench-reconcile.md

POLICY_PODS ?= 2000
POLICYBENCHFLAGS ?=
## bench-policies: what the policy owner (--manage-policies) costs, on the real kube-apiserver with the
## real webhook and the Monzo-shaped rules (1,574 policies): the first apply, one-service changes and
## restores, with no pods and then with POLICY_PODS pods (about 3 minutes on 2 cores). Prints the
## tables docs/performance.md quotes; a measurement, so not part of `make test`. Ten times Monzo:
## POLICY_PODS=45000 POLICYBENCHFLAGS='-scale tenx -pod-size 10000 -steady 5m' (about 20 minutes)
bench-policies:
	@$(TOOLS) && $(GO) run ./test/policybench -pods $(POLICY_PODS) -report .cache/bench-policies.md \
		-log .cache/bench-policies-webhook.log $(POLICYBENCHFLAGS)

APISERVERBENCHFLAGS ?=
## bench-apiserver: what admission costs the real kube-apiserver (built by hack/tools.sh): pod
## CREATEs and status UPDATEs with no admission, through netiso and through the equivalent
## MutatingAdmissionPolicy, alternating rounds (about 11 minutes on 2 cores); prints the markdown
## table of docs/performance.md, "Admission in the API server". More through APISERVERBENCHFLAGS,
## e.g. APISERVERBENCHFLAGS='-rounds 5 -out /tmp/apiserver.md'; '-anchors' puts identity anchors
## (a cosign signature included) on every service'
bench-apiserver:
	@$(TOOLS) && $(COSIGN) && $(GO) run ./test/apiserverbench $(APISERVERBENCHFLAGS)

SOAK ?= 5m
## soak: the webhook alone at a fixed rate for SOAK (5m: half its own full-speed throughput, the rules
## swapped every 10 s, a line a minute); fails on a failed admission or memory that grows (see
## docs/performance.md). More settings through SOAKFLAGS, e.g. SOAKFLAGS='-rate 1000 -report /tmp/soak.md'.
## A measurement minutes long, so not part of `make test` (TestSoakSmoke checks the plumbing there)
soak:
	$(GO) run ./test/load -soak $(SOAK) $(SOAKFLAGS)

IMAGE  ?= ghcr.io/netiso/netiso:dev
GOARCH ?= $(shell $(GO) env GOARCH)
## image: the container image without a Docker daemon (hack/image, go-containerregistry from the Go
## module proxy): the static binaries of cmd/, built as the Dockerfile builds them, on an empty base,
## written to bin/netiso-image.tar as $(IMAGE); push it with e.g. `crane push bin/netiso-image.tar $(IMAGE)`
image:
	rm -rf bin/image && CGO_ENABLED=0 GOOS=linux GOARCH=$(GOARCH) GOTOOLCHAIN=local \
		$(GO) build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" -o bin/image/ ./cmd/...
	cd hack/image && SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) \
		$(GO) run . -bin ../../bin/image -arch $(GOARCH) -ref $(IMAGE) -o ../../bin/netiso-image.tar

## build: static binaries in bin/
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/ ./cmd/...
