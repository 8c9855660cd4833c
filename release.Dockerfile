# The container image of a release: scaffold alone, static, non-root. Built by
# GoReleaser (dockers_v2 in .goreleaser.yaml) from the binaries it built, one
# per platform under $TARGETPLATFORM/. Generate into a mounted directory:
#   docker run --rm -v "$PWD:/work" ghcr.io/scaffold-cli/scaffold new api --framework=gin
FROM gcr.io/distroless/static-debian12:nonroot
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/scaffold /usr/local/bin/scaffold
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/scaffold"]
