package names

import (
	"fmt"
	"strings"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// Python's rules. A project name becomes two identifiers:
//
//   - the import package (`my-app` -> `my_app`): a lower-case identifier that
//     is not a keyword (str.isidentifier() and not keyword.iskeyword());
//   - the distribution name in pyproject.toml, PEP 508 in its PEP 503
//     normalized form (`My.App` -> `my-app`).
//
// A package that has the name of a module the project imports shadows it: a
// project called `email` or `flask` breaks at its first import. Django's
// startproject refuses every importable name for that reason (find_spec); the
// framework rules below refuse the standard library and the modules their own
// templates install or create.

var (
	pythonSeparatorsRe = lazyre.New(`[-_.]+`)
	// PEP 508 names, case-insensitively.
	pythonDistRe = lazyre.New(`(?i)^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$`)
	// Identifiers limited to ASCII, which is all a project name may hold.
	pythonIdentRe = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// pythonKeywords is keyword.kwlist of Python 3.11-3.14 (the soft keywords
// match, case, type and _ are valid module names).
var pythonKeywords = sync.OnceValue(func() map[string]bool {
	return pythonNameSet(
		"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
		"continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
		"if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
		"try", "while", "with", "yield",
	)
})

// pythonStdlib is the union of sys.stdlib_module_names of CPython 3.11, 3.12
// and 3.13, plus the modules 3.14 adds (annotationlib, compression), without
// the private ones (a derived package never starts with '_'). Modules removed
// in 3.12/3.13 stay: projects still run on 3.11. `test` is not in
// stdlib_module_names but is importable from every CPython install.
var pythonStdlib = sync.OnceValue(func() map[string]bool {
	return pythonNameSet(
		"abc", "aifc", "annotationlib", "antigravity", "argparse", "array", "ast", "asynchat",
		"asyncio", "asyncore", "atexit", "audioop", "base64", "bdb", "binascii", "bisect", "builtins",
		"bz2", "cProfile", "calendar", "cgi", "cgitb", "chunk", "cmath", "cmd", "code", "codecs",
		"codeop", "collections", "colorsys", "compileall", "compression", "concurrent",
		"configparser", "contextlib", "contextvars", "copy", "copyreg", "crypt", "csv", "ctypes",
		"curses", "dataclasses", "datetime", "dbm", "decimal", "difflib", "dis", "distutils",
		"doctest", "email", "encodings", "ensurepip", "enum", "errno", "faulthandler", "fcntl",
		"filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools", "gc", "genericpath",
		"getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac",
		"html", "http", "idlelib", "imaplib", "imghdr", "imp", "importlib", "inspect", "io",
		"ipaddress", "itertools", "json", "keyword", "lib2to3", "linecache", "locale", "logging",
		"lzma", "mailbox", "mailcap", "marshal", "math", "mimetypes", "mmap", "modulefinder",
		"msilib", "msvcrt", "multiprocessing", "netrc", "nis", "nntplib", "nt", "ntpath",
		"nturl2path", "numbers", "opcode", "operator", "optparse", "os", "ossaudiodev", "pathlib",
		"pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform", "plistlib", "poplib", "posix",
		"posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc",
		"pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib", "resource",
		"rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex",
		"shutil", "signal", "site", "smtpd", "smtplib", "sndhdr", "socket", "socketserver", "spwd",
		"sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string",
		"stringprep", "struct", "subprocess", "sunau", "symtable", "sys", "sysconfig", "syslog",
		"tabnanny", "tarfile", "telnetlib", "tempfile", "termios", "textwrap", "this", "threading",
		"time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace", "traceback",
		"tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata", "unittest",
		"urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg",
		"winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib",
		"zoneinfo",
		"test",
	)
})

// flaskReserved: the modules the Flask template installs, and the names its
// layout uses next to the package.
var flaskReserved = sync.OnceValue(func() map[string]string {
	return pythonReserved(map[string]string{
		"tests":    "the tests/ directory",
		"instance": "Flask's instance/ folder",
	}, "flask", "werkzeug", "jinja2", "click", "itsdangerous", "markupsafe", "blinker",
		"gunicorn", "dotenv", "flask_sqlalchemy", "sqlalchemy", "greenlet", "typing_extensions",
		"psycopg", "psycopg_binary", "pytest", "pluggy", "iniconfig", "packaging", "pygments",
		"ruff", "flit_core", "pip", "setuptools", "pkg_resources")
})

// djangoReserved: the modules the Django template installs, and the names its
// layout already uses.
var djangoReserved = sync.OnceValue(func() map[string]string {
	return pythonReserved(map[string]string{
		"core":        "the core app",
		"accounts":    "the accounts app (the user model)",
		"manage":      "manage.py",
		"staticfiles": "the collectstatic directory staticfiles/",
		"media":       "the media/ directory",
	}, "django", "asgiref", "sqlparse", "gunicorn", "dotenv", "dj_database_url", "psycopg",
		"psycopg_binary", "typing_extensions", "whitenoise", "ruff", "pip", "setuptools", "pkg_resources")
})

// pythonReserved maps each reserved name to what it collides with.
func pythonReserved(layout map[string]string, installed ...string) map[string]string {
	for _, m := range installed {
		layout[m] = fmt.Sprintf("the installed module %q", m)
	}
	return layout
}

func init() {
	register(Rule{
		Name:        "python-package",
		Description: "Python: an import package (my-app -> my_app; an identifier, not a keyword) and a PEP 508 distribution name",
		Derive:      func(name string) (map[string]string, error) { return derivePythonNames(name, "", nil) },
	})
	register(Rule{
		Name:        "flask-package",
		Description: "python-package, and not the name of a standard-library module or of one the Flask template uses",
		Derive:      func(name string) (map[string]string, error) { return derivePythonNames(name, "Flask", flaskReserved()) },
	})
	register(Rule{
		Name:        "django-project",
		Description: "python-package, and not importable (standard library, django, ...), as django-admin startproject requires",
		Derive: func(name string) (map[string]string, error) {
			return derivePythonNames(name, "Django", djangoReserved())
		},
	})
	registerFuncs(map[string]any{
		"pythonPackage": PythonPackageName,
		"pythonDist":    PythonDistName,
	})
}

// PythonPackageName maps a project name to its import package name:
// lower-cased, each run of '-', '_' and '.' becoming one '_'.
func PythonPackageName(name string) string {
	return pythonSeparatorsRe.ReplaceAllString(strings.ToLower(name), "_")
}

// PythonDistName is the PEP 503 normalized distribution name.
func PythonDistName(name string) string {
	return pythonSeparatorsRe.ReplaceAllString(strings.ToLower(name), "-")
}

// derivePythonNames checks name for a Python project; framework is "" for the
// plain rule, which does not check for shadowed modules.
func derivePythonNames(name, framework string, reserved map[string]string) (map[string]string, error) {
	pkg := PythonPackageName(name)
	dist := PythonDistName(name)
	if err := checkPythonPackage(name, pkg, dist, framework, reserved); err != nil {
		return nil, refusal(offerTry, suggestPythonName(name, framework, reserved), err.Error())
	}
	return map[string]string{"python_package": pkg, "python_dist": dist}, nil
}

func checkPythonPackage(name, pkg, dist, framework string, reserved map[string]string) error {
	switch {
	case !pythonIdentRe.MatchString(pkg) || strings.HasPrefix(pkg, "_"):
		return fmt.Errorf("%q gives the Python package %q, which is not a valid identifier: start with a letter", name, pkg)
	case pythonKeywords()[pkg]:
		return fmt.Errorf("%q gives the Python package %q, which is a Python keyword", name, pkg)
	case !pythonDistRe.MatchString(dist):
		return fmt.Errorf("%q gives the distribution name %q, which PEP 508 does not allow: end with a letter or digit", name, dist)
	case framework == "":
		return nil
	case pythonStdlib()[pkg]:
		return fmt.Errorf("%q gives the Python package %q, which conflicts with the standard-library module %q; %s projects cannot shadow importable modules", name, pkg, pkg, framework)
	case reserved[pkg] != "":
		return fmt.Errorf("%q gives the Python package %q, which conflicts with %s in a %s project", name, pkg, reserved[pkg], framework)
	}
	return nil
}

// suggestPythonName offers a valid name near an invalid one, or "".
func suggestPythonName(name, framework string, reserved map[string]string) string {
	base := strings.Trim(pythonSeparatorsRe.ReplaceAllString(name, "-"), "-")
	for _, s := range []string{base, base + "-app", base + "-project", "my-" + base} {
		if s == "" || s == name || !CheckProjectNameQuiet(s) {
			continue
		}
		if checkPythonPackage(s, PythonPackageName(s), PythonDistName(s), framework, reserved) == nil {
			return s
		}
	}
	return ""
}

func pythonNameSet(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}
