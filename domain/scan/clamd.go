// Package scan checks uploaded files with ClamAV's clamd over its INSTREAM
// protocol.
package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// Clamd is a clamd server reached over TCP ("host:3310") or a Unix socket
// ("unix:/run/clamav/clamd.ctl").
type Clamd struct {
	Address string
	Timeout time.Duration
}

// chunk is the most sent in one INSTREAM chunk; clamd's StreamMaxLength
// caps the total.
const chunk = 64 << 10

// Scan streams data to clamd and returns the name of what it found, or ""
// for a clean file. An error means clamd could not be asked or did not
// give a verdict: the file must stay unavailable.
func (c Clamd) Scan(ctx context.Context, data []byte) (string, error) {
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	network, addr := "tcp", c.Address
	if rest, ok := strings.CutPrefix(addr, "unix:"); ok {
		network, addr = "unix", rest
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return "", fmt.Errorf("reach clamd: %w", err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write([]byte("zINSTREAM\x00")); err != nil {
		return "", fmt.Errorf("talk to clamd: %w", err)
	}
	var size [4]byte
	for r := bytes.NewReader(data); r.Len() > 0; {
		part := make([]byte, min(chunk, r.Len()))
		_, _ = r.Read(part)
		binary.BigEndian.PutUint32(size[:], uint32(len(part)))
		if _, err := conn.Write(append(size[:], part...)); err != nil {
			return "", fmt.Errorf("send to clamd: %w", err)
		}
	}
	binary.BigEndian.PutUint32(size[:], 0)
	if _, err := conn.Write(size[:]); err != nil {
		return "", fmt.Errorf("send to clamd: %w", err)
	}
	reply, err := io.ReadAll(io.LimitReader(conn, 4096))
	if err != nil {
		return "", fmt.Errorf("read clamd's answer: %w", err)
	}
	return verdict(string(reply))
}

// verdict reads clamd's answer: "stream: OK", "stream: Eicar-Signature
// FOUND" or "... ERROR".
func verdict(reply string) (string, error) {
	reply = strings.TrimRight(reply, "\x00\n")
	_, body, _ := strings.Cut(reply, ": ")
	switch {
	case body == "OK":
		return "", nil
	case strings.HasSuffix(body, " FOUND"):
		return strings.TrimSuffix(body, " FOUND"), nil
	case body == "":
		return "", errors.New("clamd gave no verdict")
	}
	return "", fmt.Errorf("clamd could not scan the file: %s", body)
}
