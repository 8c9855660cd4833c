package serve

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/scaffold-cli/scaffold/generator"
)

var screenshotPath = flag.String("screenshot", "", "save the browser test's screenshot of the page here (docs/serve.png: go test ./generator/serve -run TestBrowser -screenshot $PWD/docs/serve.png)")

// chromiumPath finds Debian's chromium. Locally a missing browser skips the
// test; in CI (CI=true) it fails it: .ci/run installs chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SCAFFOLD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium on PATH: install it (apt-get install chromium) or set SCAFFOLD_CHROMIUM to the browser to run the page's browser test"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestBrowser drives the configurator page in headless chromium: choose a
// framework, change an option and see the tree change, type a name the
// framework refuses and see the engine's message by the field, fix it,
// download the zip and compare it with what `scaffold new` writes.
func TestBrowser(t *testing.T) {
	exe := chromiumPath(t)
	if testing.Short() {
		t.Skip("-short: the browser test takes seconds")
	}
	h := newTestHandler(t, Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1360, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	// The console, uncaught exceptions and CSP violations, read at the end.
	console := chromedp.Console(ctx)
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true),
	}); err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)

	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	// settled waits until the page shows what cond says.
	// Right after a navigation the page's old JavaScript context can be gone
	// before the new one is known ("Cannot find context with specified id"):
	// that is the browser between two pages, so the poll starts again.
	settled := func(cond string) chromedp.Action[chromedp.Void] {
		poll := chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(15*time.Second))
		return func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
			for attempt := 1; ; attempt++ {
				v, err := poll(ctx, target)
				if err == nil || attempt == 5 || !strings.Contains(err.Error(), "Cannot find context with specified id") {
					return v, err
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
	}
	// choose picks a value of a select as a user does: the change event fires.
	choose := func(id, value string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); })()`, id, value))
	}
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }

	step("open the page",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(css(`#tree button`)),
		settled(`document.body.dataset.state === "ready" && !!document.querySelector('#tree button[data-path="go.mod"]')`),
	)
	if n := eval("labels", `[...document.querySelectorAll("input, select")].filter(e => !document.querySelector('label[for="' + e.id + '"]')).length`); n != float64(0) {
		t.Errorf("%v form controls have no label", n)
	}

	step("choose Express",
		choose("framework", "express"),
		settled(`!!document.querySelector('#tree button[data-path="src/app.js"]') && !!document.getElementById("opt-language")`),
	)
	step("change an option: TypeScript",
		choose("opt-language", "ts"),
		settled(`!!document.querySelector('#tree button[data-path="tsconfig.json"]') && !document.querySelector('#tree button[data-path="src/app.js"]')`),
	)
	step("turn on docker with the keyboard",
		chromedp.Focus(css(`#opt-docker`)),
		chromedp.KeyEvent(" "),
		settled(`!!document.querySelector('#tree button[data-path="Dockerfile"]')`),
	)

	m, _ := testCatalog(t).Lookup("express")
	_, engineErr := generator.Resolve(m, generator.Request{Name: "9lives"}, rand0{})
	if engineErr == nil {
		t.Fatal("the engine accepts 9lives; pick a name it refuses")
	}
	step("type a name Express refuses",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("name").value = ""`),
		chromedp.SendKeys(css(`#name`), "9lives"),
		chromedp.WaitVisible(css(`#err-name`)),
	)
	if shown := eval("error text", `document.getElementById("err-name").textContent`); shown != engineErr.Error() {
		t.Errorf("next to the name the page shows %q; the engine says %q", shown, engineErr)
	}
	if v := eval("download state", `document.getElementById("download").getAttribute("aria-disabled") + " " + document.getElementById("name").getAttribute("aria-invalid")`); v != "true true" {
		t.Errorf("with an invalid name: download aria-disabled, name aria-invalid = %q, want \"true true\"", v)
	}

	step("fix the name",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("name").value = ""`),
		chromedp.SendKeys(css(`#name`), "shop"),
		chromedp.WaitNotVisible(css(`#err-name`)),
		settled(`document.getElementById("download").getAttribute("aria-disabled") === "false" && document.getElementById("cmd-new").textContent.includes(" shop ")`),
	)
	if url := eval("url", `location.search`); url != "?framework=express&name=shop&language=ts&docker=true" {
		t.Errorf("the page's URL holds %q, not its state", url)
	}
	if cmd := eval("command", `document.getElementById("cmd-new").textContent`); cmd != "scaffold new shop --framework=express --yes --language=ts --docker" {
		t.Errorf("command shown %q", cmd)
	}
	if curl := eval("curl", `document.getElementById("cmd-curl").textContent`); curl != "curl -fsS '"+srv.URL+"/starter.tgz?framework=express&name=shop&language=ts&docker=true' | tar xz" {
		t.Errorf("curl shown %q", curl)
	}
	step("preview a file",
		chromedp.Click(css(`#tree button[data-path="package.json"]`)),
		settled(`document.getElementById("viewer").textContent.includes('"name": "shop"')`),
	)

	if *screenshotPath != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(*screenshotPath, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	step("download", chromedp.Click(css(`#download`)))
	dctx, dcancel := context.WithTimeout(ctx, 30*time.Second)
	defer dcancel()
	guid := ""
	for ev, err := range progress {
		if err != nil || dctx.Err() != nil {
			t.Fatalf("waiting for the download: %v %v", err, dctx.Err())
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			guid = ev.GUID
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the browser cancelled the download")
		}
	}
	data, err := os.ReadFile(filepath.Join(downloads, guid))
	if err != nil {
		t.Fatal(err)
	}
	compareTrees(t, "the downloaded zip", unzipAll(t, data), written(t, "express", "shop", map[string]string{"language": "ts", "docker": "true"}))

	step("a shared link restores the configuration",
		chromedp.Navigate(srv.URL+"/?framework=flask&name=blog&database=postgres"),
		settled(`document.body.dataset.state === "ready" && document.getElementById("framework").value === "flask" && document.getElementById("opt-database").value === "postgres" && document.getElementById("cmd-new").textContent.includes("--database=postgres")`),
	)

	step("phone width",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/?framework=spring-boot&name=demo"),
		settled(`document.body.dataset.state === "ready"`),
	)
	if overflow := eval("overflow", `document.documentElement.scrollWidth - window.innerWidth`); overflow.(float64) > 0 {
		t.Errorf("at 390px the page is %vpx wider than the screen", overflow)
	}

	// Read what the console got, without waiting for more.
	var problems []string
	cctx, ccancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer ccancel()
	go func() { <-cctx.Done(); cancelTimeout() }()
	for msg, err := range console {
		if err != nil {
			break
		}
		if msg.IsException() || msg.Type == "error" {
			if strings.Contains(msg.Text, "400 (Bad Request)") {
				continue // the invalid name, on purpose
			}
			problems = append(problems, msg.String()+" ("+msg.URL+")")
		}
	}
	if len(problems) > 0 {
		t.Errorf("the page logged errors (a CSP violation shows here):\n%s", strings.Join(problems, "\n"))
	}
}

func ptr[T any](v T) *T { return &v }
