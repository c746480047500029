package api_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/google/uuid"

	"sendqa/api"
	"sendqa/domain"
	"sendqa/domain/scan"
)

// eicar is the antivirus test file every scanner flags.
const eicar = `X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`

// fakeClamd speaks clamd's INSTREAM protocol and flags the EICAR string,
// because ClamAV's signatures cannot be fetched here.
func fakeClamd(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go serveClamd(conn)
		}
	}()
	return ln.Addr().String()
}

func serveClamd(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	if cmd, err := r.ReadString(0); err != nil || cmd != "zINSTREAM\x00" {
		_, _ = conn.Write([]byte("UNKNOWN COMMAND\x00"))
		return
	}
	var data []byte
	for {
		var size uint32
		if binary.Read(r, binary.BigEndian, &size) != nil {
			return
		}
		if size == 0 {
			break
		}
		chunk := make([]byte, size)
		if _, err := io.ReadFull(r, chunk); err != nil {
			return
		}
		data = append(data, chunk...)
	}
	if bytes.Contains(data, []byte("EICAR-STANDARD-ANTIVIRUS-TEST-FILE")) {
		_, _ = conn.Write([]byte("stream: Eicar-Test-Signature FOUND\x00"))
		return
	}
	_, _ = conn.Write([]byte("stream: OK\x00"))
}

// withEvidence rebuilds the server with a scanner and a file size limit.
func (e *env) withEvidence(scanner *scan.Clamd, maxSize int64) {
	e.responses.MaxFileSize = maxSize
	e.responses.Scanner = nil
	if scanner != nil {
		e.responses.Scanner = *scanner
	}
	e.deps.Responses = e.responses
	e.server = api.New(e.deps)
}

// draft starts an audit for a new auditor and returns them and the
// response id.
func (e *env) draft(localID string) (string, string) {
	e.t.Helper()
	auditor, alloc := e.allocation(localID)
	r := e.do(req{method: "POST", path: e.tenantPath("/responses"), as: auditor,
		body: map[string]any{"allocation_id": alloc}})
	if r.status != 201 {
		e.t.Fatalf("start: %d %s", r.status, r.body)
	}
	return auditor.String(), r.json(e.t)["id"].(string)
}

func (e *env) attach(as, responseID, name, contentType string, body []byte) response {
	e.t.Helper()
	return e.do(req{method: "POST", as: uuid.MustParse(as), body: body,
		path:   e.tenantPath("/evidence?response_id=" + responseID + "&item_id=decision_to_assess&file_name=" + name),
		header: map[string]string{"Content-Type": contentType}})
}

// Tests 17 and 18.
func TestEvidenceIsCheckedStoredUnderGeneratedKeysAndServedSafely(t *testing.T) {
	e := newEnv(t)
	e.withEvidence(nil, 4096)
	auditor, id := e.draft("EV1")
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")

	ok := e.attach(auditor, id, "..%2F..%2Fetc%2Fpasswd%22.pdf", "application/pdf", pdf)
	if ok.status != 201 {
		t.Fatalf("upload: %d %s", ok.status, ok.body)
	}
	file := ok.json(t)
	if file["file_name"] != "passwd_.pdf" || file["scan_state"] != "clean" {
		t.Errorf("stored as %v", file)
	}
	var key string
	if err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT blob_key FROM evidence_files WHERE id = $1`,
		file["id"]).Scan(&key); err != nil || strings.Contains(key, "passwd") || strings.Contains(key, "..") {
		t.Errorf("the file is stored under %q (%v), not a generated key", key, err)
	}
	got := e.do(req{method: "GET", path: e.tenantPath("/evidence/" + file["id"].(string)), as: e.lead()})
	if got.status != 200 || !bytes.Equal(got.body, pdf) {
		t.Fatalf("download: %d", got.status)
	}
	for h, want := range map[string]string{"Content-Disposition": "attachment; filename=\"passwd_.pdf\"",
		"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox",
		"Cache-Control": "no-store"} {
		if !strings.HasPrefix(got.header.Get(h), want) {
			t.Errorf("download header %s is %q", h, got.header.Get(h))
		}
	}
	other := e.addMember("auditor")
	if r := e.do(req{method: "GET", path: e.tenantPath("/evidence/" + file["id"].(string)), as: other}); r.status != 404 {
		t.Errorf("another auditor downloaded the file: %d", r.status)
	}

	before := e.countRows("evidence_files")
	if r := e.attach(auditor, id, "big.pdf", "application/pdf", append(pdf, make([]byte, 5000)...)); r.status != 413 {
		t.Errorf("an oversized file: %d, want 413", r.status)
	}
	if r := e.attach(auditor, id, "photo.png", "image/png", []byte("just some text, not a picture")); r.status != 415 {
		t.Errorf("text declared as PNG: %d, want 415", r.status)
	}
	if r := e.attach(auditor, id, "tool.exe", "application/pdf", []byte("MZ\x90\x00\x03\x00\x00\x00")); r.status != 415 {
		t.Errorf("a program declared as PDF: %d, want 415", r.status)
	}
	if r := e.attach(auditor, id, "bomb.docx",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document", zipBomb(t)); r.status != 413 {
		t.Errorf("an archive that expands hugely: %d, want 413", r.status)
	}
	if n := e.countRows("evidence_files"); n != before {
		t.Errorf("refused files left %d rows", n-before)
	}
}

// zipBomb is a small Word-looking archive that claims to unpack to 4 GB.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store,
		UncompressedSize64: 4 << 30, CompressedSize64: 4})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write([]byte("<w/>"))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Test 17's scanner: an infected file is refused and kept nowhere; with
// the scanner down a file is kept but unavailable until a scan passes it.
func TestTheVirusScannerGuardsEvidence(t *testing.T) {
	e := newEnv(t)
	addr := fakeClamd(t)
	e.withEvidence(&scan.Clamd{Address: addr}, 0)
	auditor, id := e.draft("EV2")

	before := e.countRows("evidence_files")
	infected := e.attach(auditor, id, "eicar.txt", "text/plain", []byte(eicar))
	p := infected.problem(t, 422)
	if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, "Eicar-Test-Signature") {
		t.Errorf("the infected file's problem: %+v", p)
	}
	if e.countRows("evidence_files") != before {
		t.Error("the infected file was kept")
	}
	clean := e.attach(auditor, id, "notes.txt", "text/plain", []byte("Advice arrived late; see the letter."))
	if clean.status != 201 || clean.json(t)["scan_state"] != "clean" {
		t.Fatalf("a clean file: %d %s", clean.status, clean.body)
	}

	down, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	downAddr := down.Addr().String()
	down.Close()
	e.withEvidence(&scan.Clamd{Address: downAddr}, 0)
	waiting := e.attach(auditor, id, "letter.txt", "text/plain", []byte("The letter"))
	if waiting.status != 201 || waiting.json(t)["scan_state"] != "pending" {
		t.Fatalf("with the scanner down: %d %s", waiting.status, waiting.body)
	}
	fileID := waiting.json(t)["id"].(string)
	path := e.tenantPath("/evidence/" + fileID)
	if r := e.do(req{method: "GET", path: path, as: e.lead()}); r.status != 409 {
		t.Errorf("an unscanned file downloaded: %d, want 409", r.status)
	}
	if n := e.countRows("river_job WHERE kind = 'evidence_scan'"); n != 1 {
		t.Errorf("%d rescans enqueued, want 1", n)
	}

	rescan := func(s domain.Scope) error {
		return e.deps.DB.InScope(context.Background(), s, func(ctx context.Context) error {
			return e.responses.Rescan(ctx, uuid.MustParse(fileID))
		})
	}
	scope := domain.Scope{TenantID: e.fixture.A.Tenant.ID}
	if err := rescan(scope); err == nil {
		t.Error("a rescan with the scanner still down reported success")
	}
	e.responses.Scanner = scan.Clamd{Address: addr}
	if err := rescan(scope); err != nil {
		t.Fatalf("rescan: %v", err)
	}
	if r := e.do(req{method: "GET", path: path, as: e.lead()}); r.status != 200 || string(r.body) != "The letter" {
		t.Errorf("the file scanned clean later: %d", r.status)
	}
}
