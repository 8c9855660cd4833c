package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/input"
)

// maxAnswersSize bounds an answers file: a .scaffold.yaml is well under
// 4 KiB; anything near this limit is not one.
const maxAnswersSize = 1 << 20

// answersKeys are the keys a .scaffold.yaml may hold, for the error that
// names an unknown one.
const answersKeys = "scaffold_version, framework, framework_version, template_version, name, options"

// readAnswers reads and parses --answers FILE. Every error names the file
// and says what to do.
func readAnswers(file string) (*generator.Answers, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the answers file: %w", err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, usagef("answers file %s is a directory; give the project's .scaffold.yaml (%s/.scaffold.yaml)", file, strings.TrimSuffix(file, "/"))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxAnswersSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the answers file %s: %w", file, err)
	}
	if len(data) > maxAnswersSize {
		return nil, usagef("answers file %s is larger than %d KiB, so not a .scaffold.yaml; give the file scaffold wrote into the project", file, maxAnswersSize>>10)
	}
	if len(bytes.TrimSpace(stripComments(data))) == 0 {
		return nil, usagef("answers file %s is empty; it should be the .scaffold.yaml that scaffold wrote into a project", file)
	}
	a, err := generator.ParseAnswers(data)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "answers file: ")
		hint := "fix that line, or regenerate the file with scaffold new"
		if strings.Contains(msg, "not found") {
			hint = "it may hold only " + answersKeys
		} else if strings.Contains(msg, "are required") {
			hint = "a .scaffold.yaml written by scaffold has both"
		}
		if input.Is(err) {
			return nil, usagef("answers file %s: %s; %s", file, msg, hint)
		}
		return nil, fmt.Errorf("answers file %s: %s; %s", file, msg, hint)
	}
	return a, nil
}

// stripComments drops YAML comment lines (a file of comments only is empty).
func stripComments(data []byte) []byte {
	var out []byte
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '#' {
			continue
		}
		out = append(out, line...)
	}
	return out
}
