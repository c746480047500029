package sir_test

import "strings"

// PDFText reads back the text an uncompressed fpdf document shows: every
// string a Tj operator draws, joined by spaces in the order drawn, so
// that a sentence wrapped over lines reads whole again.
func PDFText(pdf []byte) string {
	s := string(pdf)
	var parts []string
	for {
		i := strings.Index(s, "(")
		if i < 0 {
			break
		}
		var b strings.Builder
		j := i + 1
		for ; j < len(s) && s[j] != ')'; j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			b.WriteByte(s[j])
		}
		rest := strings.TrimLeft(s[min(j+1, len(s)):], " ")
		if strings.HasPrefix(rest, "Tj") {
			parts = append(parts, b.String())
		}
		s = s[min(j+1, len(s)):]
	}
	return strings.Join(parts, " ")
}

// between is the text after from and before to.
func between(text, from, to string) string {
	i := strings.Index(text, from)
	if i < 0 {
		return ""
	}
	text = text[i+len(from):]
	if j := strings.Index(text, to); j >= 0 {
		return text[:j]
	}
	return text
}
