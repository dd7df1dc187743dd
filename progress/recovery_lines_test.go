package progress

import (
	"os"
	"strings"
	"testing"
	"time"
)

// Proves: a recovery line of a known kind that the file's rules refuse
// (here an answer time past what a summary stores) is refused alone, and
// reported, while the file's other lines are merged and the file removed;
// a line of a kind this version does not know (a newer tutor's) keeps the
// whole file, unmerged, for that tutor.
func TestRecoveryBadLineRefusedAloneUnknownKindKeepsFile(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	good, err := s.RecoveryLines([]Op{{Kind: OpReading, Chapter: "ch", Line: 7, Percent: 40}})
	must(t, err)
	late := Answer{ID: NewID(), QuestionID: "q1", QuestionHash: "h", At: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)}
	bad, err := s.RecoveryLines([]Op{{Kind: OpStart, Chapter: "ch", AttemptUID: "u1", Order: []string{"q1"}}})
	must(t, err)
	badAnswer, err := s.RecoveryLines([]Op{{Kind: OpAnswer, Chapter: "ch", AttemptUID: "u1", Answer: &late}})
	if err == nil {
		bad += badAnswer
	} else {
		// RecoveryLines checks too: write the line by hand.
		bad += `{"kind":"answer","chapter":"ch","attempt_uid":"u1","answer":{"id":"` + late.ID + `","question":"q1","question_hash":"h","given":[],"correct":true,"at":"3000-01-01T00:00:00Z"}}` + "\n"
	}
	name := path + recoveryMarker + "by-hand"
	must(t, os.WriteFile(name, []byte(good+bad), 0o600))
	n, err := s.MergeRecovery()
	if n != 2 || err == nil || !Permanent(err) || !strings.Contains(err.Error(), "line 3 (answer) refused") {
		t.Fatalf("merge = %d, %v; want the reading and the start merged and line 3 refused", n, err)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("the file was kept after its good lines merged: %v", err)
	}
	if snap, err := s.Snapshot(); err != nil || snap.Chapters["ch"].Furthest != 40 {
		t.Errorf("the reading line was not merged: %+v, %v", snap, err)
	}

	future := path + recoveryMarker + "newer"
	must(t, os.WriteFile(future, []byte(good+`{"kind":"from_the_future","chapter":"ch"}`+"\n"), 0o600))
	if _, err := s.MergeRecovery(); err == nil || !strings.Contains(err.Error(), "was kept") {
		t.Errorf("a newer tutor's line: %v, want the file kept", err)
	}
	if _, err := os.Stat(future); err != nil {
		t.Errorf("a newer tutor's file was not kept: %v", err)
	}
}
