// A stand-in for the syntax highlighter glamour imports. See doc.go.
module github.com/alecthomas/chroma/v2

go 1.22
