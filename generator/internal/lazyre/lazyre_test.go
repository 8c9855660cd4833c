package lazyre

import "testing"

func TestCompileAll(t *testing.T) {
	mu.Lock()
	saved := all
	all = nil
	mu.Unlock()
	t.Cleanup(func() { mu.Lock(); all = saved; mu.Unlock() })

	if err := CompileAll(); err == nil {
		t.Error("CompileAll with nothing declared: no error, want one")
	}
	good := New(`^a+$`)
	if err := CompileAll(); err != nil {
		t.Fatalf("CompileAll: %v", err)
	}
	if !good.MatchString("aaa") || good.MatchString("b") {
		t.Error("^a+$ matches wrongly")
	}
	New(`(`)
	if err := CompileAll(); err == nil {
		t.Error("CompileAll with a bad expression: no error")
	}
}

func TestLazy(t *testing.T) {
	l := &Regexp{expr: `x(y)`}
	if l.re != nil {
		t.Fatal("compiled before use")
	}
	if m := l.FindStringSubmatch("xy"); len(m) != 2 || m[1] != "y" {
		t.Errorf("FindStringSubmatch = %q", m)
	}
	if got := l.ReplaceAllString("xyxy", "z"); got != "zz" {
		t.Errorf("ReplaceAllString = %q", got)
	}
}
