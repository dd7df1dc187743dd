package linemode

import (
	"context"
	"strconv"
	"strings"
	"time"

	"backend-tutor/content"
	"backend-tutor/internal/labcheck"
	"backend-tutor/internal/labsave"
	"backend-tutor/progress"
)

// labs lists the labs with their status; a number shows a lab's brief, "c"
// and a number checks the learner's server (at Options.LabURL, else the
// lab's own port) and saves the check like `lab check` does.
func (s *Session) labs() bool {
	labs := s.course.Labs()
	for {
		recs := s.labRecords()
		s.out.say("")
		s.out.say("Labs:")
		for i, l := range labs {
			r, ok := recs[l.ID]
			s.out.say("  %d. %s (%s)", i+1, line(l.Title), labsave.Status(r, ok))
		}
		in, ok := s.choose("Lab number to read its brief, c and a number to check your server, or enter for the menu: ", func() {
			s.out.say("Type a lab's number to read what to build (1), c and its number to check your server against it (c 1), or press enter to go back to the menu.")
		})
		if !ok {
			return true
		}
		if in == "" || in == "q" {
			return false
		}
		check := false
		if rest, found := strings.CutPrefix(in, "c"); found {
			check, in = true, strings.TrimSpace(rest)
		}
		n, err := strconv.Atoi(in)
		if err != nil || n < 1 || n > len(labs) {
			s.out.say("There is no lab %q: type a number from 1 to %d.", line(in), len(labs))
			continue
		}
		l := labs[n-1]
		if check {
			s.checkLab(l)
			continue
		}
		s.out.say("")
		if _, eof := s.pager(strings.Split(text(l.Brief), "\n"), nil, 0, func(int) {}); eof {
			return true
		}
		s.out.say("Check it: start your server, then type c %d here, or run: backend-tutor lab check %s --run \"COMMAND THAT STARTS YOUR SERVER\"", n, l.ID)
	}
}

// labRecords reads the labs' records, after what is queued is written.
func (s *Session) labRecords() map[string]progress.LabRecord {
	if s.save.store == nil {
		return nil
	}
	s.save.drain()
	recs, err := s.save.store.LabRecords()
	if err != nil {
		s.out.say("The labs' records could not be read: %s", line(err.Error()))
	}
	return recs
}

// checkLab checks l, prints the result (every byte of the server's goes
// through the printer's escaping) and queues the check for saving.
func (s *Session) checkLab(l *content.Lab) {
	url := s.labURL
	if url == "" {
		url = "http://127.0.0.1:" + strconv.Itoa(l.Port)
	}
	base, err := labcheck.CheckURL(url, false)
	if err != nil {
		s.out.say("%s", line(err.Error()))
		return
	}
	s.out.say("Checking %s…", base)
	res := labcheck.Check(context.Background(), l, labcheck.Options{BaseURL: base.String()})
	s.out.write(labsave.Report(s.course, l, res, false, "", "", nil))
	if len(res.Steps) > 0 {
		c := labsave.Check(l, res, time.Now())
		s.save.do(progress.Op{Kind: progress.OpLabCheck, LabCheck: &c}, nil)
	}
}
