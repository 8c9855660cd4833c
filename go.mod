module github.com/scaffold-cli/scaffold

go 1.26.8
