package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Screens ask to go somewhere with a nav; only the root moves (tui/nav.go).
// A screen that sets the current screen itself skips what entering a
// screen does (home shows the records as they are, the stats are read
// again), so this fails if any file but app.go (New) and nav.go (enter)
// assigns Model's screen field, whatever it is called.
func TestOnlyTheRootChangesScreen(t *testing.T) {
	fset, files := parseTUI(t)
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

// parseTUI parses the package's files but its tests.
func parseTUI(t *testing.T) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
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
	return fset, files
}

// contextScreens are the screens converted to the programContext (issue
// 13): they read the tutor through it and answer with a nav. Add a screen
// here once it is converted.
var contextScreens = []string{
	"glossaryModel", "outlineModel", "statsModel", "searchModel", "labsModel",
	"resumePrompt", "retakePrompt", "resetPrompt", "reviewSummary", "resultsModel",
	"homeModel", "homeDelegate", "readerModel", "quizModel",
}

// A converted screen does not get the root back through a side door: no
// method of one takes or returns a *Model (in any shape: a func(*Model)
// too), and none holds one in a field, so the conversion cannot silently
// regress.
func TestContextScreensTakeNoModel(t *testing.T) {
	fset, files := parseTUI(t)
	methods := map[string]int{}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				recv := d.Recv.List[0].Type
				if st, ok := recv.(*ast.StarExpr); ok {
					recv = st.X
				}
				id, ok := recv.(*ast.Ident)
				if !ok || !slices.Contains(contextScreens, id.Name) {
					continue
				}
				methods[id.Name]++
				if pos, ok := mentionsModel(d.Type); ok {
					t.Errorf("%s: %s.%s takes or returns a *Model: take the programContext and return a nav (tui/nav.go)",
						fset.Position(pos), id.Name, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok || !slices.Contains(contextScreens, ts.Name.Name) {
						continue
					}
					if pos, ok := mentionsModel(ts.Type); ok {
						t.Errorf("%s: %s holds a *Model", fset.Position(pos), ts.Name.Name)
					}
				}
			}
		}
	}
	for _, name := range contextScreens {
		if methods[name] == 0 {
			t.Errorf("%s has no methods: renamed? the test no longer guards it", name)
		}
	}
}

// mentionsModel finds Model (or *Model) anywhere in n, a type; another
// package's (viewport.Model) is not the root.
func mentionsModel(n ast.Node) (token.Pos, bool) {
	var at token.Pos
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.SelectorExpr); ok {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Name == "Model" && at == token.NoPos {
			at = id.Pos()
		}
		return at == token.NoPos
	})
	return at, at != token.NoPos
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
	// s and / did open their screens (made on first opening): else the
	// keys after them never followed a move at all.
	if fm.stats == nil || fm.search == nil {
		t.Fatalf("s opened stats: %v, / opened search: %v", fm.stats != nil, fm.search != nil)
	}
}
