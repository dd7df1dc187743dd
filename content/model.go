// Package content knows the course: chapters, their quizzes, the glossary,
// how a folder of them is loaded and validated, and how answers are graded.
// It knows nothing of terminals or of the progress file.
package content

import "sync"

// Kind is the kind of a quiz question.
type Kind string

// The five question kinds of the content format (docs/authoring.md).
const (
	Single    Kind = "single"
	Multi     Kind = "multi"
	TrueFalse Kind = "truefalse"
	Typed     Kind = "typed"
	Order     Kind = "order"
)

// Kinds lists every kind, in the order the docs present them.
var Kinds = []Kind{Single, Multi, TrueFalse, Typed, Order}

// DefaultPassMark is the percentage needed to pass a quiz that sets none.
const DefaultPassMark = 70

// Course is a loaded, validated content folder.
type Course struct {
	Title    string
	Welcome  string     // course.yaml's welcome: what the first screen says the course is; may be empty
	Chapters []*Chapter // sorted by Order
	Glossary []Term
	// Packs are the packs the course is made of, in the order they are
	// shown: one for a loaded folder with a pack.yaml (none without), the
	// guide and every added pack for the course the tutor shows (Combine).
	Packs []*Pack
	// labs are sorted by Order. From the snapshot they arrive as gob bytes
	// (labsGob) decoded on first use, so labs add nothing to start-up.
	labs     []*Lab
	labsGob  []byte
	labsOnce sync.Once
	byID     map[string]int
	warnings Problems // Warnings
}

// Chapter is one markdown chapter and its quiz.
type Chapter struct {
	ID      string
	Title   string
	Summary string
	Order   int
	Body    string // markdown, front matter removed
	File    string
	Hash    string // of the chapter and quiz files: progress uses it to notice edits
	Pack    string // id of the pack it belongs to ("" for a folder without pack.yaml)
	LocalID string // the id in its pack's files; ID is "PACK/LOCAL" for an added pack (Combine)
	Quiz    *Quiz  // nil when the chapter has no quiz file
	idLine  int
	ordLine int // of the order: key, for a duplicate order
	// bodyLine is the file's line where Body starts, for warnings about
	// the text; not in the snapshot (the guide has none).
	bodyLine int
}

// Quiz is the question set that follows a chapter.
type Quiz struct {
	ChapterID string
	PassMark  int
	Questions []*Question
	File      string
	line      int // of the chapter: key
}

// Option is one choice of a single or multi question.
type Option struct {
	Text    string
	Correct bool
}

// Question is one quiz question. Which answer fields are used depends on Kind.
type Question struct {
	ID          string
	Kind        Kind
	Prompt      string
	Hint        string
	Explanation string
	Options     []Option // single, multi
	Answer      bool     // truefalse
	Accept      []string // typed
	Items       []string // order, in the correct order
	Hash        string   // of the question's text and answers
	File        string
	Line        int
}

// Term is one glossary entry.
type Term struct {
	Term       string
	Definition string
	ChapterID  string
	line       int
}

// Chapter returns the chapter with the given id.
func (c *Course) Chapter(id string) (*Chapter, bool) {
	i, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return c.Chapters[i], true
}

// Index returns the position of the chapter with the given id, or -1.
func (c *Course) Index(id string) int {
	if i, ok := c.byID[id]; ok {
		return i
	}
	return -1
}

// QuestionCount is the number of questions in the chapter's quiz.
func (ch *Chapter) QuestionCount() int {
	if ch.Quiz == nil {
		return 0
	}
	return len(ch.Quiz.Questions)
}

// Question returns the quiz question with the given id.
func (q *Quiz) Question(id string) (*Question, bool) {
	for _, qu := range q.Questions {
		if qu.ID == id {
			return qu, true
		}
	}
	return nil, false
}
