package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Screens ask to go somewhere with a nav; only the root moves (tui/nav.go).
// A screen that sets the current screen itself skips what entering a
// screen does (home shows the records as they are, the stats are read
// again), so this fails if any file but app.go (New) and nav.go (enter)
// assigns Model's screen field, whatever it is called.
func TestOnlyTheRootChangesScreen(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	fields := screenFields(files)
	if len(fields) == 0 {
		t.Fatal("Model has no field of type screen: the test no longer finds what it guards")
	}
	for name, f := range files {
		if name == "app.go" || name == "nav.go" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for _, lhs := range as.Lhs {
				if sel, ok := lhs.(*ast.SelectorExpr); ok && fields[sel.Sel.Name] {
					t.Errorf("%s: sets the screen itself (%s): return or enter a nav (tui/nav.go) instead",
						fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// screenFields are the names of Model's fields of type screen.
func screenFields(files map[string]*ast.File) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				ts := s.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if ts.Name.Name != "Model" || !ok {
					continue
				}
				for _, fl := range st.Fields.List {
					if id, ok := fl.Type.(*ast.Ident); ok && id.Name == "screen" {
						for _, n := range fl.Names {
							out[n.Name] = true
						}
					}
				}
			}
		}
	}
	return out
}

// A key typed right after one that moves (esc, then j, sent together)
// reaches the screen the first one went to: a request is followed in the
// Update that made it, not by a command whose message would queue behind
// the second key (then "j" would scroll the stats, or be typed into the
// search box, and home's cursor would not move).
func TestKeyRightAfterAMoveReachesTheNewScreen(t *testing.T) {
	e := newEnv(t)
	tm := start(t, e.model(t, true))
	waitFor(t, tm, "Alpha chapter")
	keys(tm, "s", "esc", "j", "/", "esc", "j")
	fm := finish(t, tm)
	if fm.Screen() != "home" || fm.home.list.Index() != 2 {
		t.Fatalf("screen %s, home's row %d; want home, row 2 (each j after esc moved it)", fm.Screen(), fm.home.list.Index())
	}
}
