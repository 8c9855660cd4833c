# scaffold serve in a container: a static binary on distroless, run as
# non-root. Build: docker build -t scaffold .   Run: docker run -p 8080:8080 scaffold
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# No cgo: a static binary needs no libc in the final image.
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/scaffold ./cmd/scaffold

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/scaffold /usr/local/bin/scaffold
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/scaffold"]
# Every interface inside the container; publish the port to choose who reaches it.
CMD ["serve", "--addr", ":8080", "--log-format", "json"]
