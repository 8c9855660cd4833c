// Package generator is the engine's facade: it loads the catalog of
// frameworks from a templates source, resolves a request (name, options,
// answers file) into a Project, and plans and renders that project into an
// in-memory file set. It never writes to disk (generator/write does), never
// prompts (cmd/scaffold/cli does), and knows no framework by name: each is
// data, a directory under templates/.
//
// Its rooms: names (naming rules), render (templates and their functions),
// tree (the in-memory File), source (where templates come from), write (the
// atomic writer), update (deciding an update file by file), secretscan (a
// project's secrets found in its files, for update) and e2e (running a
// project for real).
package generator
