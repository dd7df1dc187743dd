package progress

import (
	"bytes"
	"os"
	"testing"
)

// roundTrip checks the property the file relies on: whatever a decoder
// accepts, the encoder accepts too, and re-decoding gives the same record
// (compared through its encoding, as time.Time values differ in location).
func roundTrip[T any](t *testing.T, v T, encode func(T) ([]byte, error), decode func([]byte) (T, error)) {
	b1, err := encode(v)
	if err != nil {
		t.Fatalf("decoder accepted what the encoder refuses: %v", err)
	}
	v2, err := decode(b1)
	if err != nil {
		t.Fatalf("cannot decode own encoding %s: %v", b1, err)
	}
	b2, err := encode(v2)
	if err != nil || !bytes.Equal(b1, b2) {
		t.Fatalf("round trip changed the record:\n%s\n%s (%v)", b1, b2, err)
	}
}

func FuzzDecodeChapter(f *testing.F) {
	for _, s := range []string{
		`{"id":"http","content_hash":"h","line":12,"furthest":55,"answered":7,"attempts":3,"best_score":80,"last_score":60,"passed":true,"open_attempt":4}`,
		`{"id":"x"}`,
		`{"id":"x","furthest":101}`,
		`{"id":"x","line":-1}`,
		`{"id":"","furthest":1}`,
		`{"id":"x","attempts":0,"best_score":10}`,
		`{"id":"x","attempts":1,"best_score":10,"last_score":20}`,
		`{"id":"x","open_attempt":18446744073709551615}`,
		`{"id":"x","line":1e400}`,
		`{"id":"x","line":40,"word":1234}`,
		`{"id":"x","word":-1}`,
		`{"id":"x","word":99999999999}`,
		`null`, `[]`, `{`, ``, `{"id":"x"} trailing`, "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeChapter(b)
		if err != nil {
			return
		}
		roundTrip(t, r, encodeChapter, decodeChapter)
	})
}

func FuzzDecodeAttempt(f *testing.F) {
	for _, s := range []string{
		`{"id":1,"chapter":"sql","content_hash":"c","started":"2025-01-02T03:04:05Z","order":["q1","q2"],"shuffles":{"q1":[1,0,2]},"answers":[{"question":"q1","question_hash":"h","given":["a"],"correct":true,"at":"2025-01-02T03:05:00Z"}],"score":0,"passed":false}`,
		`{"id":2,"chapter":"sql","started":"2025-01-02T03:04:05+02:00","finished":"2025-01-02T04:00:00Z","order":["q1"],"answers":[],"score":100,"passed":true}`,
		`{"id":3,"chapter":"sql","started":"2025-01-02T03:04:05Z","order":["q1"],"answers":null,"abandoned":true}`,
		`{"id":1,"chapter":"sql","started":"2025-01-02T03:04:05Z","order":["q1","q1"]}`,
		`{"id":1,"chapter":"sql","started":"2025-01-02T03:04:05Z","order":["q1"],"shuffles":{"q1":[0,0]}}`,
		`{"id":1,"chapter":"sql","started":"2025-01-02T03:04:05Z","order":["q1"],"shuffles":{"q9":[0]}}`,
		`{"id":1,"chapter":"sql","started":"2025-01-02T03:04:05Z","order":["q1"],"answers":[{"question":"q2"}]}`,
		`{"id":1,"chapter":"sql","started":"2025-01-02T03:04:05Z","order":["q1"],"score":50}`,
		`{"id":1,"chapter":"sql","started":"not a time"}`,
		`{"id":0,"chapter":"sql","started":"2025-01-02T03:04:05Z"}`,
		`{"id":-1}`, `null`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := decodeAttempt(b)
		if err != nil {
			return
		}
		roundTrip(t, a, encodeAttempt, decodeAttempt)
	})
}

func TestDecodeRejects(t *testing.T) {
	for _, s := range []string{`{"id":"x","furthest":-1}`, `{"id":"x","answered":-2}`, `{"id":"x","last_score":101,"attempts":1,"best_score":101}`, `"str"`} {
		if _, err := decodeChapter([]byte(s)); err == nil {
			t.Errorf("decodeChapter accepted %s", s)
		}
	}
	for _, s := range []string{
		`{"id":1,"chapter":"c","started":"2025-01-02T03:04:05Z","finished":"2025-01-02T03:04:05Z","abandoned":true}`,
		`{"id":1,"chapter":"c","started":"2025-01-02T03:04:05Z","finished":"2025-01-02T03:04:05Z","score":101}`,
		`{"id":1,"chapter":"c","started":"2025-01-02T03:04:05Z","order":["a"],"answers":[{"id":"x","question":"a"},{"id":"x","question":"a"}]}`,
	} {
		if _, err := decodeAttempt([]byte(s)); err == nil {
			t.Errorf("decodeAttempt accepted %s", s)
		}
	}
}

// The last place (schema 3: with its pack) decodes only to what it encodes
// back to, and a pack it names is a valid name.
func FuzzDecodePlace(f *testing.F) {
	for _, s := range []string{
		`{"screen":"quiz","chapter":"sql"}`,
		`{"screen":"chapter","chapter":"http","pack":"docker"}`,
		`{"screen":"chapter","chapter":"http","pack":""}`,
		`{"screen":"chapter","chapter":"http","pack":"\u001b[31m"}`,
		`{"screen":"moon","chapter":"x"}`, `{"screen":"quiz"}`, `null`, `{`, "\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, pack, err := decodePlace(b)
		if err != nil {
			return
		}
		if CheckName("pack", pack) != nil {
			t.Fatalf("decoded an invalid pack %q", pack)
		}
		b1, err := encodePlace(p, pack)
		if err != nil {
			t.Fatalf("decoder accepted what the encoder refuses: %v", err)
		}
		p2, pack2, err := decodePlace(b1)
		if err != nil || p2 != p || pack2 != pack {
			t.Fatalf("round trip changed the place: %+v %q -> %+v %q (%v)", p, pack, p2, pack2, err)
		}
	})
}

// A recovery file is read from disk, where anything may be: reading one
// never panics, and every change it accepts has a valid kind, chapter and
// scope.
func FuzzReadRecovery(f *testing.F) {
	for _, s := range []string{
		`{"op":"reading","chapter":"ch","line":7,"percent":40}` + "\n",
		`{"op":"reading","chapter":"ch","line":7,"word":300,"percent":40}` + "\n" + `{"op":"reading","chapter":"ch","word":-3}` + "\n",
		`{"op":"answer","profile":"ann","pack":"docker","chapter":"ch","attempt_uid":"u","answer":{"id":"a","question":"q1"}}` + "\n",
		`{"op":"welcomed","profile":"a\u0000b"}` + "\n",
		`{"op":"last","place":{"screen":"quiz","chapter":"x"}}` + "\n\n" + `{"op":"drop"}`,
		`{"op":"noticed","chapter":"ch","content_hash":"h"}` + "\n" + `{"op":"noticed","noticed_chapters":[{"chapter":"a","hash":"h"},{"pack":"docker","chapter":"b","hash":"h"}]}` + "\n",
		`{"op":"answer","chapter":"ch","attempt_uid":"u","answer":{"id":"a","question":"q1","at":"2300-01-01T00:00:00Z"}}` + "\n",
		`{"op":"nope"}`, "not json\n", "",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		name := dir + "/r"
		must(t, os.WriteFile(name, b, 0o600))
		ops, _, err := readRecovery(name)
		if err != nil {
			return
		}
		for _, op := range ops {
			if err := checkOp(op); err != nil {
				t.Fatalf("accepted a change its check refuses: %+v: %v", op, err)
			}
		}
	})
}
