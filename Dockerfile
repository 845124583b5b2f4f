# syntax=docker/dockerfile:1
#
# netiso's image: /webhook (the entrypoint) and every other command under cmd/ (/netiso, the CLI),
# static binaries on distroless, non-root, no shell.
#
#   docker build -t ghcr.io/netiso/netiso:0.1.0 .
#
# Reproducible: the base images are pinned by tag here, and CI should pin them by digest
# (golang:1.26.8@sha256:..., where the registry can be reached to resolve it); the binaries are
# built with -trimpath, -buildvcs=false and an empty build id, so the same source and toolchain give
# the same bytes. For identical image digests too, build with BuildKit and a fixed timestamp:
#   docker buildx build --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) \
#     --output type=image,name=...,rewrite-timestamp=true .
# See docs/install.md.

# The Go release go.mod asks for (go 1.26.8); GOTOOLCHAIN=local keeps the build on exactly it.
ARG GO_IMAGE=golang:1.26.8
ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot

FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS build
ENV CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=readonly
WORKDIR /src
# Modules first: this layer is reused until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
# Cross-compiled on the build machine for the target platform (docker buildx --platform ...).
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -buildvcs=false -ldflags="-s -w -buildid=" \
      -o /out/ ./cmd/...

FROM ${RUNTIME_IMAGE}
COPY --from=build /out/ /
# distroless "nonroot": 65532, the user the chart's securityContext also asks for.
USER 65532:65532
EXPOSE 9443 8080 8081
ENTRYPOINT ["/webhook"]
LABEL org.opencontainers.image.title="netiso" \
      org.opencontainers.image.description="Zero-trust pod networking: a mutating admission webhook for egress labels" \
      org.opencontainers.image.source="https://github.com/netiso/netiso"
