package secretscan

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

// hexOf16 fits a secret of 16 lower-case hex digits.
func hexOf16(v string) bool {
	if len(v) != 16 {
		return false
	}
	for _, c := range v {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

const (
	standIn = "0123456789abcdef" // what the rendering was made with
	own     = "fedcba9876543210" // the project's value
	other   = "00000000ffffffff" // a value the user typed in one place
)

var key = Secret{Key: "key", StandIn: standIn, Fits: hexOf16}

func file(p, data string) tree.File { return tree.File{Path: p, Mode: 0o644, Data: []byte(data)} }

func disk(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, data := range files {
		m[p] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	return m
}

func TestRecover(t *testing.T) {
	// Not in path order: Recover sorts them.
	rendered := []tree.File{
		file("b.py", "x = 1\nkey = \""+standIn+"\"  # dev only\n"),
		file("a.env", "NAME=demo\nKEY="+standIn+"\nPORT=80\n"),
		file("c.key", standIn),
		file("plain.txt", "no secret here\n"),
	}
	cases := []struct {
		name string
		ours map[string]string
		want map[string]string
	}{
		{"unedited", map[string]string{
			"a.env": "NAME=demo\nKEY=" + own + "\nPORT=80\n", "b.py": "x = 1\nkey = \"" + own + "\"  # dev only\n", "c.key": own,
		}, map[string]string{"key": own}},
		{"lines added above and below", map[string]string{
			"a.env": "# mine\n\nNAME=demo\nDEBUG=1\nKEY=" + own + "\nPORT=80\nEXTRA=1\n",
		}, map[string]string{"key": own}},
		{"CRLF line ends", map[string]string{
			"a.env": "NAME=demo\r\nKEY=" + own + "\r\nPORT=80\r\n",
		}, map[string]string{"key": own}},
		{"changed in one place of three: the majority wins", map[string]string{
			"a.env": "NAME=demo\nKEY=" + other + "\nPORT=80\n", "b.py": "x = 1\nkey = \"" + own + "\"  # dev only\n", "c.key": own,
		}, map[string]string{"key": own}},
		{"changed in one place of two: the first path wins", map[string]string{
			"a.env": "NAME=demo\nKEY=" + other + "\nPORT=80\n", "b.py": "x = 1\nkey = \"" + own + "\"  # dev only\n",
		}, map[string]string{"key": other}},
		{"the text around it edited: not found there", map[string]string{
			"a.env": "NAME=demo\nKEY=" + other + " # rotated\nPORT=80\n", "c.key": own,
		}, map[string]string{"key": own}},
		{"a value that does not fit is no value", map[string]string{
			"a.env": "NAME=demo\nKEY=${FROM_VAULT_ENV}\nPORT=80\n", "b.py": "x = 1\nkey = \"CHANGE-ME-PLEASE\"  # dev only\n", "c.key": "not hex at all!!",
		}, map[string]string{}},
		{"gone everywhere", map[string]string{
			"a.env": "NAME=demo\nPORT=80\n", "b.py": "x = 1\n",
		}, map[string]string{}},
		{"files removed", map[string]string{}, map[string]string{}},
		{"the stand-in itself is no evidence", map[string]string{
			"a.env": "NAME=demo\nKEY=" + standIn + "\nPORT=80\n", "c.key": own,
		}, map[string]string{"key": own}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Recover(rendered, []Secret{key}, disk(c.ours)); !maps.Equal(got, c.want) {
				t.Errorf("found %v, want %v", got, c.want)
			}
		})
	}
}

// Two secrets on one line, one of them twice: each place reads its own
// secret, and a line whose two places of one secret disagree says nothing.
func TestRecoverSeveralOnOneLine(t *testing.T) {
	iv := Secret{Key: "iv", StandIn: "aaaaaaaaaaaaaaaa", Fits: hexOf16}
	rendered := []tree.File{file("cfg", "k="+standIn+";iv="+iv.StandIn+";again="+standIn+"\n")}
	ownIV := "1111111111111111"
	got := Recover(rendered, []Secret{key, iv}, disk(map[string]string{"cfg": "k=" + own + ";iv=" + ownIV + ";again=" + own + "\n"}))
	if want := map[string]string{"key": own, "iv": ownIV}; !maps.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	got = Recover(rendered, []Secret{key, iv}, disk(map[string]string{"cfg": "k=" + own + ";iv=" + ownIV + ";again=" + other + "\n"}))
	if len(got) != 0 {
		t.Errorf("found %v in a line that disagrees with itself, want nothing", got)
	}
}

// Among lines that fit, the one nearest the rendered line's place counts.
func TestRecoverTakesTheNearestLine(t *testing.T) {
	rendered := []tree.File{file("k", "a\nb\nc\n"+standIn+"\nd\n")}
	got := Recover(rendered, []Secret{key}, disk(map[string]string{"k": other + "\na\nb\nc\nd\n" + own + "\ne\n"}))
	if got["key"] != own {
		t.Errorf("found %q, want the nearer line's %q", got["key"], own)
	}
}

// A stand-in too short to be told from ordinary text is not looked for.
func TestRecoverSkipsShortStandIns(t *testing.T) {
	short := Secret{Key: "pin", StandIn: "1234", Fits: func(v string) bool { return len(v) == 4 }}
	got := Recover([]tree.File{file("p", "pin=1234\n")}, []Secret{short}, disk(map[string]string{"p": "pin=9876\n"}))
	if len(got) != 0 {
		t.Errorf("found %v, want nothing", got)
	}
}

// A directory where the rendering has a file gives no evidence and no
// error: the update that follows refuses it, with its own message.
func TestRecoverIgnoresWhatIsNoFile(t *testing.T) {
	ours := fstest.MapFS{"a.env/inner": &fstest.MapFile{Data: []byte("x")}, "c.key": &fstest.MapFile{Data: []byte(own)}}
	got := Recover([]tree.File{file("a.env", "KEY="+standIn+"\n"), file("c.key", standIn)}, []Secret{key}, ours)
	if got["key"] != own {
		t.Errorf("found %v, want %q", got, own)
	}
}
