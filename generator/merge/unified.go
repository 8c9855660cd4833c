package merge

import (
	"fmt"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// Unified returns a unified diff (three lines of context) that turns a into
// b, with nameA and nameB on the "---" and "+++" lines; "" when a and b are
// equal. It uses the same line diff as Merge3, so a hunk shown by
// `scaffold update --dry-run` sits where the merge saw the change. A last
// line without newline is flagged with "\ No newline at end of file".
// Binary content is not diffed: the result then says only that the files
// differ, as git does.
func Unified(a, b []byte, nameA, nameB string) string {
	if string(a) == string(b) {
		return ""
	}
	if IsBinary(a) || IsBinary(b) {
		return fmt.Sprintf("Binary files %s and %s differ\n", nameA, nameB)
	}
	la, lb := splitLines(a), splitLines(b)
	starts := make([]int, len(la)+1)
	for i, l := range la {
		starts[i+1] = starts[i] + len(l)
	}
	var edits []udiff.Edit
	for _, c := range lineDiff(la, lb) {
		edits = append(edits, udiff.Edit{
			Start: starts[c.i1],
			End:   starts[c.i1+c.chg1],
			New:   strings.Join(lb[c.i2:c.i2+c.chg2], ""),
		})
	}
	out, err := udiff.ToUnified(nameA, nameB, string(a), edits, udiff.DefaultContextLines)
	if err != nil {
		// The edits come from lineDiff and are line-aligned and ordered, so
		// ToUnified accepts them; should that ever change, a diff computed
		// by the library alone is still a correct diff.
		return udiff.Unified(nameA, nameB, string(a), string(b))
	}
	return out
}
