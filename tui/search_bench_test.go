package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"backend-tutor/content"
	"backend-tutor/internal/benchgen"
)

// BenchmarkSearchKey is one keystroke in the search screen, to the new
// frame: the query changes ("http" <-> "https"), the search runs in Update
// and View draws the visible results with their highlighted snippets
// (budget 2 ms on the course, 30 ms on the 1,000-chapter pack; "e" <->
// "es" matches nearly every line of it, the worst case).
func BenchmarkSearchKey(b *testing.B) {
	large, err := content.Load(benchgen.Pack(1000, 20000))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		course *content.Course
		query  string
	}{{"course", embedded(b), "http"}, {"pack1000", large, "request"}, {"pack1000-e", large, "e"}} {
		b.Run(c.name, func(b *testing.B) {
			m := benchModel(b, c.course, nil)
			_, cmd := m.Update(press("/"))
			run(m, cmd) // the index, built once
			for _, r := range c.query {
				m.Update(press(string(r)))
			}
			if len(m.search.results) == 0 {
				b.Fatal("no results")
			}
			add, del := press("s"), tea.KeyPressMsg{Code: tea.KeyBackspace}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				k := add
				if i%2 == 1 {
					k = del
				}
				i++
				m.Update(k)
				_ = m.View()
			}
		})
	}
}
