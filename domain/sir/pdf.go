package sir

import (
	"bytes"
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// LetterHead is who a letter is from.
type LetterHead struct {
	AreaName string
	Officer  string
	Date     time.Time
}

// RenderLetter writes a letter's findings as a PDF. Its text is left
// uncompressed so that the words of the letter can be searched and read
// back by programs that check what was sent.
func RenderLetter(f Findings, head LetterHead) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetTitle("SEN information report: feedback to "+f.SettingName, true)
	pdf.SetAuthor(head.AreaName, true)
	pdf.SetLang("en-GB")
	pdf.SetCreationDate(head.Date)
	pdf.SetModificationDate(head.Date)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.AddPage()

	heading := func(size float64, s string) {
		pdf.SetFont("Helvetica", "B", size)
		pdf.MultiCell(0, size*0.5, tr(s), "", "L", false)
		pdf.Ln(2)
	}
	para := func(s string) {
		pdf.SetFont("Helvetica", "", 11)
		pdf.MultiCell(0, 5.5, tr(s), "", "L", false)
		pdf.Ln(2)
	}
	bullet := func(s string) {
		pdf.SetFont("Helvetica", "", 11)
		pdf.SetX(24)
		pdf.MultiCell(0, 5.5, tr("- "+s), "", "L", false)
	}

	pdf.SetFont("Helvetica", "", 10)
	pdf.MultiCell(0, 5, tr(head.AreaName+"\n"+head.Date.Format("2 January 2006")), "", "R", false)
	pdf.Ln(4)
	heading(16, "Your SEN information report: feedback")
	para(fmt.Sprintf("To the SENCO of %s (URN %s)", f.SettingName, f.URN))
	para(fmt.Sprintf("We checked the SEN information report at %s on %s against regulation 51 "+
		"and Schedule 1 of the Special Educational Needs and Disability Regulations 2014 and "+
		"section 69 of the Children and Families Act 2014.", orNone(f.ReportURL),
		f.CheckedOn.Time().Format("2 January 2006")))

	switch {
	case !f.Published:
		para("We could not find the report published on your website.")
	case f.Stale:
		para(fmt.Sprintf("The report was last updated on %s, more than twelve months before "+
			"our check.", f.LastUpdated.Time().Format("2 January 2006")))
	case !f.LastUpdated.IsZero():
		para(fmt.Sprintf("The report was last updated on %s, within the last twelve months.",
			f.LastUpdated.Time().Format("2 January 2006")))
	}

	section := func(title string, list []Finding, empty string) {
		heading(13, fmt.Sprintf("%s (%d)", title, len(list)))
		if len(list) == 0 {
			para(empty)
			return
		}
		for _, x := range list {
			line := x.Label
			if x.Comment != "" {
				line += ". " + x.Comment
			}
			bullet(line)
		}
		pdf.Ln(3)
	}
	section("Not met", f.NotMet, "Every item was at least partly met.")
	section("Partially met", f.Partly, "No item was partly met.")
	section("Met", f.Met, "No item was fully met.")

	heading(13, "What to do")
	todo := f.ToDo()
	if len(todo) == 0 {
		para("Your report meets every requirement we checked. Keep it under review each year.")
	} else {
		for _, s := range todo {
			bullet(s)
		}
		pdf.Ln(3)
		para(fmt.Sprintf("Please publish the updated report by %s and reply to let us know.",
			f.RespondBy.Time().Format("2 January 2006")))
	}
	para("Yours sincerely,")
	para(head.Officer + "\n" + head.AreaName + " SEND quality assurance")

	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("write letter PDF: %w", err)
	}
	return b.Bytes(), nil
}

func orNone(s string) string {
	if s == "" {
		return "(no address given)"
	}
	return s
}
