package content

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Answers must not give themselves away: a learner who always answers
// "false", ticks all but the odd one out, or picks the longest option
// should score no better than chance. These tests check the embedded guide
// (issue 14: before the rebalance, 31 of 41 true/false answers were false
// and no multi question had exactly one right option).

const (
	minTrueShare, maxTrueShare = 0.40, 0.60
	// minFewRightShare is the share of multi questions that must have only
	// one or two right options, so "tick all but one" is not a strategy.
	minFewRightShare  = 0.25
	multiPromptPhrase = "Choose all that apply."
)

func embeddedCourse(t *testing.T) *Course {
	t.Helper()
	c, err := Load(Embedded())
	if err != nil {
		t.Fatalf("the embedded guide does not validate:\n%v", err)
	}
	return c
}

func qwhere(q *Question) string {
	return q.File + ":" + strconv.Itoa(q.Line) + " question " + q.ID
}

func TestTrueFalseBalance(t *testing.T) {
	c := embeddedCourse(t)
	trues, total := 0, 0
	for _, ch := range c.Chapters {
		if ch.Quiz == nil {
			continue
		}
		chTrue, chTotal := 0, 0
		for _, q := range ch.Quiz.Questions {
			if q.Kind != TrueFalse {
				continue
			}
			chTotal++
			if q.Answer {
				chTrue++
			}
		}
		trues += chTrue
		total += chTotal
		// One true/false question is necessarily "all one way"; two or more
		// must include both answers.
		if chTotal > 0 && (chTrue == 0 || chTrue == chTotal) {
			t.Errorf("%s: all %d true/false answers are %v; mix true and false", ch.Quiz.File, chTotal, chTrue > 0)
		}
	}
	if total == 0 {
		t.Fatal("no true/false questions in the guide")
	}
	share := float64(trues) / float64(total)
	t.Logf("true/false: %d of %d answers are true (%.0f%%)", trues, total, 100*share)
	if share < minTrueShare || share > maxTrueShare {
		t.Errorf("%d of %d true/false answers are true (%.0f%%), want %.0f%%-%.0f%%",
			trues, total, 100*share, 100*minTrueShare, 100*maxTrueShare)
	}
}

// countPrompt matches a multi prompt that gives away how many to tick.
var countPrompt = regexp.MustCompile(`(?i)\b(choose|pick|select|tick)\s+(one|two|three|four|five|\d+)\b|\b(one|two|three|four|five|\d+)\s+(answers|options)\s+(are|is)\b`)

func TestMultiAnswerSpread(t *testing.T) {
	c := embeddedCourse(t)
	byRight := map[int]int{} // right options -> questions
	few, total, exactlyOne := 0, 0, 0
	for _, ch := range c.Chapters {
		if ch.Quiz == nil {
			continue
		}
		for _, q := range ch.Quiz.Questions {
			if q.Kind != Multi {
				continue
			}
			total++
			right := 0
			for _, o := range q.Options {
				if o.Correct {
					right++
				}
			}
			byRight[right]++
			if right <= 2 {
				few++
			}
			if right == 1 {
				exactlyOne++
			}
			if right == len(q.Options) {
				t.Errorf("%s: every option is right; leave at least one wrong", qwhere(q))
			}
			prompt := strings.Join(strings.Fields(q.Prompt), " ")
			if !strings.HasSuffix(prompt, multiPromptPhrase) {
				t.Errorf("%s: a multi prompt ends with %q and nothing else: %q", qwhere(q), multiPromptPhrase, prompt)
			}
			if countPrompt.MatchString(prompt) {
				t.Errorf("%s: prompt gives away how many options are right: %q", qwhere(q), prompt)
			}
		}
	}
	if total == 0 {
		t.Fatal("no multi questions in the guide")
	}
	var spread []string
	for k := 1; k <= 10; k++ {
		if byRight[k] > 0 {
			spread = append(spread, strconv.Itoa(k)+" right: "+strconv.Itoa(byRight[k]))
		}
	}
	t.Logf("multi: %d questions; %s", total, strings.Join(spread, ", "))
	if share := float64(few) / float64(total); share < minFewRightShare {
		t.Errorf("%d of %d multi questions have one or two right options (%.0f%%), want at least %.0f%%",
			few, total, 100*share, 100*minFewRightShare)
	}
	if exactlyOne == 0 {
		t.Errorf("no multi question has exactly one right option; a learner learns that one is never the answer")
	}
}

// TestSingleLongestIsNotATell checks that in single-choice questions the
// right option is the longest no more often than picking at random would
// be: with n options the longest is right by chance 1/n of the time.
func TestSingleLongestIsNotATell(t *testing.T) {
	c := embeddedCourse(t)
	longest, total := 0, 0
	chance := 0.0
	for _, ch := range c.Chapters {
		if ch.Quiz == nil {
			continue
		}
		for _, q := range ch.Quiz.Questions {
			if q.Kind != Single || len(q.Options) < 2 {
				continue
			}
			total++
			chance += 1 / float64(len(q.Options))
			if rightIsLongest(q.Options) {
				longest++
			}
		}
	}
	t.Logf("single: the right option is the longest (or tied) in %d of %d questions (chance: %.1f)", longest, total, chance)
	if float64(longest) > chance {
		t.Errorf("the right option is the longest in %d of %d single-choice questions, more than chance (%.1f); shorten some right options or lengthen distractors",
			longest, total, chance)
	}
}

// rightIsLongest reports whether the correct option is at least as long, in
// characters, as every other option: a tie still lets "pick the longest"
// land on it.
func rightIsLongest(opts []Option) bool {
	right, other := -1, -1
	for _, o := range opts {
		n := utf8.RuneCountInString(strings.TrimSpace(o.Text))
		if o.Correct {
			right = n
		} else if n > other {
			other = n
		}
	}
	return right >= other
}
