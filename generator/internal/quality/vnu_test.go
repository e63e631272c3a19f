package quality

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLValid runs the Nu Html Checker over every HTML file of the built
// site: zero errors.
func TestHTMLValid(t *testing.T) {
	if testing.Short() {
		t.Skip("vnu skipped with -short")
	}
	java := findTool("java")
	if java == "" {
		need(t, "Java (for the Nu Html Checker)", "apt-get install -y default-jre-headless")
	}
	jar := filepath.Join(repoRoot(), "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := filepath.Glob(jar); err != nil || !exists(jar) {
		need(t, "vnu.jar", "cd tools && npm ci")
	}
	dir, _ := builtSite(t)
	files, n := htmlFiles(t, dir)
	cmd := exec.Command(java, append([]string{"-Xss4m", "-jar", jar, "--errors-only", "--format", "json"}, files...)...)
	out, _ := cmd.CombinedOutput()
	var res struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("vnu output: %v\n%s", err, out)
	}
	errs := 0
	for _, m := range res.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		errs++
		page := strings.TrimPrefix(strings.TrimPrefix(m.URL, "file:"+dir), "file:")
		t.Errorf("page %s:%d: %s\n\t%s", page, m.LastLine, m.Message, strings.TrimSpace(m.Extract))
	}
	note("vnu: %d HTML files checked, %d errors", n, errs)
}
