// Command scaffold generates working starter projects for backend frameworks.
package main

import (
	"os"

	"github.com/scaffold-cli/scaffold/cmd/scaffold/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.SystemIO()))
}
