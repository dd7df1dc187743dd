package tui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"
)

// homeNumberKey moves the home list to the chapter whose number is being
// typed, so "1", "2", enter opens chapter 12. Each digit extends the number
// while a chapter has it and starts a new one otherwise ("1", "2", "3" with
// 16 chapters: 1, 12, then 3); any other key ends it. Reports whether the
// key was a digit it used.
func (m *Model) homeNumberKey(msg tea.KeyPressMsg) bool {
	s := msg.String()
	if len(s) != 1 || s[0] < '0' || s[0] > '9' {
		m.typedNumber = ""
		return false
	}
	next := m.typedNumber + s
	n, _ := strconv.Atoi(next)
	if n < 1 || n > len(m.course.Chapters) {
		next = s
		n, _ = strconv.Atoi(next)
	}
	if n < 1 || n > len(m.course.Chapters) { // "0", or past the last chapter
		m.typedNumber = ""
		return true
	}
	m.typedNumber = next
	for i, item := range m.home.list.Items() {
		if it, ok := item.(homeItem); ok && !it.continues && !it.glossary && it.number == n {
			m.home.list.Select(i)
			break
		}
	}
	return true
}
