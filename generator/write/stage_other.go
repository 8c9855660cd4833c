//go:build !unix

package write

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

// stageFiles writes every file under dir, checking for cancellation between
// files so that Ctrl-C stops promptly. Errors name the file as it would be
// in target: the staging directory is scaffold's business.
func stageFiles(ctx context.Context, dir, target string, files []tree.File) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", target, errCause(err))
	}
	defer root.Close()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if d := path.Dir(f.Path); d != "." {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("cannot create directory %s: %w", filepath.Join(target, d), errCause(err))
			}
		}
		out, err := root.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.Mode.Perm())
		if err != nil {
			return fmt.Errorf("cannot create %s: %w", filepath.Join(target, f.Path), errCause(err))
		}
		_, werr := out.Write(f.Data)
		cerr := out.Close()
		if err := errors.Join(werr, cerr); err != nil {
			return fmt.Errorf("cannot write %s: %w", filepath.Join(target, f.Path), errCause(err))
		}
	}
	return nil
}
