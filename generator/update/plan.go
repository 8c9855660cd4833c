// Package update owns deciding, file by file, how a newer template reaches
// a project that was generated with an older one and edited since: it
// compares base (the project as its recorded template version renders it),
// theirs (as the current version renders it, same answers, same secrets) and
// ours (what is on disk), and merges where both sides changed. It works in
// memory: it reads ours through an fs.FS and returns a Plan; it never writes
// (generator/write applies a plan) and never renders (the facade does).
package update

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/scaffold-cli/scaffold/generator/merge"
	"github.com/scaffold-cli/scaffold/generator/tree"
)

// Action is what happens to one file.
type Action string

const (
	// Updated: the user never changed it, so the template's new version replaces it.
	Updated Action = "updated"
	// Merged: both changed it, in separate places; both changes are kept.
	Merged Action = "merged"
	// Conflicted: both changed the same lines (markers are written), or a
	// binary file both changed (ours is kept, theirs lands beside it).
	Conflicted Action = "conflicted"
	// Added: new in the template.
	Added Action = "added"
	// Removed: the template dropped it and the user never changed it.
	Removed Action = "removed"
	// Kept: the user's version stays: the template did not change it, or
	// dropped it after the user edited it, or the user removed it.
	Kept Action = "kept"
	// Unchanged: nothing to do (ours already equals theirs).
	Unchanged Action = "unchanged"
)

// NewSuffix marks the template's version of a binary file both sides
// changed, written beside the user's.
const NewSuffix = ".scaffold-new"

// Change is the decision for one path.
type Change struct {
	Path   string
	Action Action
	// Why says, in a few words, what led to the action (for the report).
	Why string
	// Write is the file to put at Path (nil: leave Path as it is, or remove
	// it when Action is Removed).
	Write *tree.File
	// Beside is the template's version of a conflicted binary file, to be
	// written at Path+NewSuffix.
	Beside *tree.File
	// Conflicts counts conflict hunks written into a text file.
	Conflicts int
	// Before is ours as it was ("" if absent), for a dry run's diff.
	Before []byte
}

// Plan is every decision, sorted by path.
type Plan struct {
	Changes []Change
}

// Conflicted lists the paths left with a conflict.
func (p *Plan) Conflicted() []string {
	var out []string
	for _, c := range p.Changes {
		if c.Action == Conflicted {
			out = append(out, c.Path)
		}
	}
	return out
}

// Changed reports whether applying the plan would change anything on disk.
func (p *Plan) Changed() bool {
	for _, c := range p.Changes {
		if c.Write != nil || c.Beside != nil || c.Action == Removed {
			return true
		}
	}
	return false
}

// Files are what applying the plan puts on disk and removes from it, for
// write.Replace.
func (p *Plan) Files() (put []tree.File, remove []string) {
	for _, c := range p.Changes {
		if c.Action == Removed {
			remove = append(remove, c.Path)
		}
		if c.Write != nil {
			put = append(put, *c.Write)
		}
		if c.Beside != nil {
			put = append(put, *c.Beside)
		}
	}
	return put, remove
}

// Unresolved lists the paths left to resolve once the plan is applied: the
// conflicted ones and, as a safety net whatever the decisions say, any file
// the plan writes with conflict markers that it did not have before.
func (p *Plan) Unresolved() []string {
	out := p.Conflicted()
	for _, c := range p.Changes {
		if c.Write != nil && c.Action != Conflicted && HasConflictMarkers(c.Write.Data) && !HasConflictMarkers(c.Before) {
			out = append(out, c.Path)
		}
	}
	return out
}

// Reported are the changes a report lists: every file the update looked at
// but those it leaves alone without a word.
func (p *Plan) Reported() []Change {
	var out []Change
	for _, c := range p.Changes {
		if c.Action == Unchanged && c.Write == nil {
			continue
		}
		out = append(out, c)
	}
	return out
}

// HasConflictMarkers reports whether data has a line that opens or closes a
// conflict.
func HasConflictMarkers(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("<<<<<<< ")) || bytes.HasPrefix(line, []byte(">>>>>>> ")) {
			return true
		}
	}
	return false
}

// Labels name the sides in conflict markers.
var Labels = merge.Labels{Ours: "ours (your project)", Base: "base (as generated)", Theirs: "template (new version)"}

// Compute decides every file. ours is the project directory; base and
// theirs are the two renderings. A path in ours that neither rendering has
// is the user's own and is not looked at.
func Compute(ours fs.FS, base, theirs []tree.File) (*Plan, error) {
	baseByPath, theirsByPath := byPath(base), byPath(theirs)
	paths := map[string]bool{}
	for p := range baseByPath {
		paths[p] = true
	}
	for p := range theirsByPath {
		paths[p] = true
	}
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)

	plan := &Plan{}
	for _, p := range sorted {
		o, err := readOurs(ours, p)
		if err != nil {
			return nil, err
		}
		c := decide(p, baseByPath[p], theirsByPath[p], o)
		if o != nil {
			c.Before = o.Data
		}
		plan.Changes = append(plan.Changes, c)
	}
	return plan, nil
}

func byPath(files []tree.File) map[string]*tree.File {
	out := make(map[string]*tree.File, len(files))
	for i := range files {
		out[files[i].Path] = &files[i]
	}
	return out
}

// readOurs reads the project's file at p: nil when it is absent. Anything
// but a regular file there (a directory, a link) is an error: update never
// writes through or over it.
func readOurs(ours fs.FS, p string) (*tree.File, error) {
	info, err := fs.Stat(ours, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (it is %s); the template has a file there: move it away, then run update again", p, info.Mode().Type())
	}
	data, err := fs.ReadFile(ours, p)
	if err != nil {
		return nil, err
	}
	return &tree.File{Path: p, Mode: info.Mode().Perm(), Data: data}, nil
}

func same(a, b *tree.File) bool { return bytes.Equal(a.Data, b.Data) }

// mode follows the template unless the user changed it.
func mode(base, theirs, ours *tree.File) fs.FileMode {
	if base != nil && ours != nil && ours.Mode != base.Mode {
		return ours.Mode
	}
	return theirs.Mode
}

func decide(p string, base, theirs, ours *tree.File) Change {
	c := Change{Path: p}
	switch {
	case base != nil && theirs != nil:
		switch {
		case ours == nil:
			c.Action, c.Why = Kept, "you removed it; it stays removed"
		case same(ours, theirs):
			c.Action = Unchanged
			if m := mode(base, theirs, ours); m != ours.Mode {
				c.Action, c.Why = Updated, "file mode"
				c.Write = &tree.File{Path: p, Mode: m, Data: ours.Data}
			}
		case same(ours, base):
			c.Action, c.Why = Updated, "unchanged since generation"
			c.Write = &tree.File{Path: p, Mode: mode(base, theirs, ours), Data: theirs.Data}
		case same(theirs, base):
			c.Action, c.Why = Kept, "the template did not change it"
			if m := mode(base, theirs, ours); m != ours.Mode {
				c.Write = &tree.File{Path: p, Mode: m, Data: ours.Data}
			}
		default:
			c = mergeBoth(c, base.Data, ours, theirs, mode(base, theirs, ours))
		}
	case theirs != nil: // new in the template
		switch {
		case ours == nil:
			c.Action, c.Why = Added, "new in the template"
			c.Write = &tree.File{Path: p, Mode: theirs.Mode, Data: theirs.Data}
		case same(ours, theirs):
			c.Action, c.Why = Unchanged, "you already have the template's file"
		default:
			c = mergeBoth(c, nil, ours, theirs, ours.Mode)
			c.Why = "new in the template, and you have a different file there"
		}
	case base != nil: // dropped by the template
		switch {
		case ours == nil:
			c.Action, c.Why = Unchanged, "removed on both sides"
		case same(ours, base):
			c.Action, c.Why = Removed, "the template no longer has it"
		default:
			c.Action, c.Why = Kept, "the template no longer has it, but you edited it"
		}
	}
	return c
}

// mergeBoth merges a file both sides changed (or both added: base nil).
func mergeBoth(c Change, base []byte, ours, theirs *tree.File, m fs.FileMode) Change {
	if merge.IsBinary(base) || merge.IsBinary(ours.Data) || merge.IsBinary(theirs.Data) {
		c.Action, c.Why = Conflicted, "binary, changed on both sides: yours is kept, the template's is beside it as "+c.Path+NewSuffix
		c.Beside = &tree.File{Path: c.Path + NewSuffix, Mode: theirs.Mode, Data: theirs.Data}
		return c
	}
	r := merge.Merge3(base, ours.Data, theirs.Data, Labels)
	c.Write = &tree.File{Path: c.Path, Mode: m, Data: r.Data}
	if r.Clean {
		c.Action, c.Why = Merged, "changed on both sides, in different places"
		return c
	}
	c.Action, c.Conflicts = Conflicted, r.Conflicts
	c.Why = fmt.Sprintf("%d conflicting change(s): resolve the <<<<<<< markers", r.Conflicts)
	return c
}
