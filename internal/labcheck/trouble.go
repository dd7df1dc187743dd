package labcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Trouble names what went wrong in reaching the server, as opposed to a
// response that does not satisfy a step.
type Trouble string

// The kinds of trouble, each with its own explanation.
const (
	TroubleRefused   Trouble = "refused"    // nothing listens on the port
	TroubleIPv6Only  Trouble = "ipv6-only"  // the server listens on ::1 only (or 127.0.0.1 only, for a ::1 URL)
	TroubleOtherPort Trouble = "other-port" // nothing here, but a server answers on a common other port
	TroubleReset     Trouble = "reset"      // the connection was closed or reset without a whole answer
	TroubleTimeout   Trouble = "timeout"    // no whole answer within the timeout
	TroubleNotHTTP   Trouble = "not-http"   // what came back is not HTTP
	TroubleTooBig    Trouble = "too-big"    // the body is over MaxBody
	TroubleRemote    Trouble = "remote"     // the address is not this machine and --allow-remote was not given
	TroubleRestart   Trouble = "restart"    // a step needs the server restarted and that was not possible
	TroubleCancelled Trouble = "cancelled"  // the check was stopped
	TroubleOther     Trouble = "other"
)

// probeTimeout bounds each probe of another address; on loopback a port
// with nothing listening refuses at once, so this only matters for a
// firewall that drops packets.
const probeTimeout = 300 * time.Millisecond

// explain fills a failed step from the error of a request.
func (r *runner) explain(sr *StepResult, err error) {
	host, port := r.base.Hostname(), r.base.Port()
	if port == "" {
		port = "80"
		if r.base.Scheme == "https" {
			port = "443"
		}
	}
	addr := net.JoinHostPort(host, port)
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled) || r.ctx.Err() != nil:
		sr.Trouble, sr.Reason, sr.Hint = TroubleCancelled, "the check was stopped before this step finished", Hint{}
	case errors.Is(err, errNotLoopback):
		sr.Trouble = TroubleRemote
		sr.Reason = fmt.Sprintf("%s does not lead to this machine, and the checker only talks to servers on this machine", r.base.Host)
		sr.Hint = Hint{Text: "Use http://127.0.0.1:PORT, or add --allow-remote if your server really runs elsewhere (a lab VM or container)."}
	case errors.Is(err, syscall.ECONNREFUSED):
		r.explainRefused(sr, host, port, addr)
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		sr.Trouble = TroubleTimeout
		sr.Reason = fmt.Sprintf("your server accepted the connection but did not answer completely within %s", r.opts.Timeout)
		sr.Hint = Hint{Text: "The server may be stuck: waiting to read a body the client never sends (read exactly Content-Length bytes), " +
			"never finishing the response (missing Content-Length, or not closing it), or busy in a loop. Its output may say where."}
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.EPIPE):
		sr.Trouble = TroubleReset
		sr.Reason = "your server closed the connection without sending a whole answer"
		sr.Hint = Hint{Text: "It probably crashed while handling this request: look at its output for an error (a stack trace or a traceback). " +
			"A server must answer every request, even one it cannot handle (with 400 or 500)."}
	case strings.Contains(err.Error(), "response headers exceeded"): // net/http has no typed error for it
		sr.Trouble = TroubleTooBig
		sr.Reason = fmt.Sprintf("the response's headers are larger than %d KiB, so the checker stopped reading", maxHeaderBytes>>10)
		sr.Hint = Hint{Text: "Headers this big are a mistake: a header set in a loop, or a whole body sent as a header."}
	case isNotHTTP(err):
		sr.Trouble = TroubleNotHTTP
		sr.Reason = "what came back is not an HTTP response (" + shortErr(err) + ")"
		sr.Hint = Hint{Text: "An HTTP answer starts with a status line such as HTTP/1.1 200 OK, then headers, a blank line and the body. " +
			"Is another kind of program on this port, or does your server write raw text to the socket?"}
	default:
		sr.Trouble = TroubleOther
		sr.Reason = "the request failed: " + shortErr(err)
	}
}

func (r *runner) explainRefused(sr *StepResult, host, port, addr string) {
	sr.Trouble = TroubleRefused
	sr.Reason = "nothing is listening on " + addr
	sr.Hint = Hint{Text: "Start your server first: run it in another terminal and wait until it says it is listening on " + addr +
		", then check again. Or let the checker start and stop it for you with --run \"COMMAND\" (the command that starts it)."}
	// Where is the server, then? The classic confusions: IPv6 only, and
	// another port.
	other := ""
	switch ip := net.ParseIP(host); {
	case strings.EqualFold(host, "localhost"):
	case ip != nil && ip.To4() != nil:
		other = "::1"
	case ip != nil:
		other = "127.0.0.1"
	}
	if other != "" && canConnect(r.ctx, net.JoinHostPort(other, port)) {
		sr.Trouble = TroubleIPv6Only
		sr.Reason = fmt.Sprintf("nothing is listening on %s, but something is on %s: your server listens only on %s", addr, net.JoinHostPort(other, port), other)
		if other == "::1" {
			sr.Hint = Hint{Text: "Make your server listen on 127.0.0.1 (or on every address, 0.0.0.0), or check it with --url http://[::1]:" + port + "."}
		} else {
			sr.Hint = Hint{Text: "Make your server listen on ::1 too, or check it with --url http://127.0.0.1:" + port + "."}
		}
		return
	}
	for _, p := range r.opts.ProbePorts {
		ps := strconv.Itoa(p)
		if ps == port {
			continue
		}
		if a := net.JoinHostPort(host, ps); canConnect(r.ctx, a) {
			sr.Trouble = TroubleOtherPort
			sr.Reason = fmt.Sprintf("nothing is listening on %s, but something answers on port %s", addr, ps)
			u := url.URL{Scheme: r.base.Scheme, Host: a}
			sr.Hint = Hint{Text: fmt.Sprintf("If that is your server, either make it listen on port %s, or check it where it is: --url %s", port, u.String())}
			return
		}
	}
}

func canConnect(ctx context.Context, addr string) bool {
	d := net.Dialer{Timeout: probeTimeout}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// isNotHTTP recognises net/http's errors for bytes that are not an HTTP
// response. net/http has no typed error for them, so this reads the text.
func isNotHTTP(err error) bool {
	s := err.Error()
	for _, m := range []string{"malformed HTTP", "malformed MIME header", "server gave HTTP response to HTTPS client",
		"first record does not look like a TLS handshake", "invalid Trailer", "bad Content-Length", "invalid header"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// shortErr is an error without net/http's `Get "url": ` prefix.
func shortErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return cut(err.Error())
}
