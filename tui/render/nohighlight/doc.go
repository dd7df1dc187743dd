// Package chroma stands in for github.com/alecthomas/chroma/v2, the syntax
// highlighter glamour imports for code blocks. Backend Tutor shows code
// blocks without syntax colouring (render.Markdown gives glamour a style
// with no highlighting theme, so glamour takes its plain code-block path).
//
// Why a stand-in: chroma builds its whole catalogue of lexers and styles in
// package initialisers, which cost about 18 ms at the start of every
// process — every command of the tutor, `list` and `version` included —
// whether or not a code block is ever drawn (BENCHMARKS.md). go.mod
// replaces chroma with this module, which declares only the few names
// glamour refers to. If glamour's highlighting path were ever reached, the
// code would be written unhighlighted, never lost.
package chroma

// TokenType is the kind of a highlighted token.
type TokenType int

// The token types glamour maps its code-block style onto.
const (
	Background TokenType = iota
	Text
	Error
	Comment
	CommentPreproc
	Keyword
	KeywordReserved
	KeywordNamespace
	KeywordType
	Operator
	Punctuation
	Name
	NameBuiltin
	NameTag
	NameAttribute
	NameClass
	NameConstant
	NameDecorator
	NameException
	NameFunction
	NameOther
	Literal
	LiteralNumber
	LiteralDate
	LiteralString
	LiteralStringEscape
	GenericDeleted
	GenericEmph
	GenericInserted
	GenericStrong
	GenericSubheading
)

// StyleEntries maps token types to style strings.
type StyleEntries map[TokenType]string

// Style is a named highlighting style.
type Style struct {
	Name    string
	Entries StyleEntries
}

// MustNewStyle records a style; nothing is parsed.
func MustNewStyle(name string, entries StyleEntries) *Style {
	return &Style{Name: name, Entries: entries}
}
