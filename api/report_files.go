package api

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-analyze/charts"
	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"
)

// figureTable is one table of a report's figures, the same in the PDF,
// the spreadsheet and the page.
type figureTable struct {
	Title  string
	Header []string
	Rows   [][]any
}

func percent(v *float64) any {
	if v == nil {
		return "no data"
	}
	return fmt.Sprintf("%.0f%%", *v*100)
}

func headlineText(h HeadlineFigure, v float64, defined bool) string {
	switch {
	case !defined:
		return "no data"
	case h.Percent:
		return fmt.Sprintf("%.0f%%", v*100)
	}
	return fmt.Sprintf("%.0f", v)
}

// figureTables lays out every figure of a report as tables.
func figureTables(r ReportResponse) []figureTable {
	f := r.Figures
	head := figureTable{Title: "Headline figures",
		Header: []string{"Figure", "This report", "Previous report"}}
	for _, h := range r.Headlines {
		prev := "none"
		if h.Previous != nil {
			prev = headlineText(h, *h.Previous, true)
		}
		head.Rows = append(head.Rows, []any{h.Label, headlineText(h, h.Value, h.Defined), prev})
	}
	grades := figureTable{Title: "Grade distributions",
		Header: []string{"Activity", "Result", "Audits"}}
	for _, a := range f.Activities {
		for _, g := range a.Grades {
			grades.Rows = append(grades.Rows, []any{a.Title, labelText(g.Label), g.Count})
		}
		grades.Rows = append(grades.Rows, []any{a.Title, "All results", a.Responses})
	}
	agree := figureTable{Title: "Moderation agreement",
		Header: []string{"Round", "Items compared", "Agreement", "Weighted kappa", "Strength"}}
	for _, a := range f.Agreement {
		kappa := any("not defined")
		if a.Kappa != nil {
			kappa = fmt.Sprintf("%.2f", *a.Kappa)
		}
		agree.Rows = append(agree.Rows, []any{a.Round, a.Pairs, percent(&a.Agreement), kappa,
			labelText(a.Band)})
	}
	e := f.Timeliness.EHCNA
	tl := figureTable{Title: "Statutory timeliness",
		Header: []string{"Measure", "On time", "Out of", "Share"}}
	tl.Rows = [][]any{
		{"EHC plans issued within 20 weeks, including exceptions", e.OnTime, e.Issued,
			percent(e.WithExceptions)},
		{"EHC plans issued within 20 weeks, excluding exceptions", e.OnTime, e.OnTime + e.Late,
			percent(e.WithoutExceptions)},
		{"Health advice within 6 weeks", f.Timeliness.HealthAdvice.OnTime,
			f.Timeliness.HealthAdvice.Judged, percent(f.Timeliness.HealthAdvice.Share)},
		{"Annual review steps on time", f.Timeliness.AnnualReviews.OnTime,
			f.Timeliness.AnnualReviews.Judged, percent(f.Timeliness.AnnualReviews.Share)},
		{"EHC plans past 20 weeks and not yet issued", e.Overdue, "", ""},
		{"EHC plans late with an exception", e.Excused, "", ""},
	}
	themes := figureTable{Title: "Triangulated themes", Header: []string{"Theme", "Sources",
		"Strengths", "Areas for development", "Seen in three or more sources"}}
	for _, t := range f.Themes {
		yes := "no"
		if t.Triangulated {
			yes = "yes"
		}
		themes.Rows = append(themes.Rows, []any{t.Theme, t.Sources, t.Strengths, t.Developments, yes})
	}
	p := f.Plan
	plan := figureTable{Title: "Improvement plan progress", Header: []string{"Actions", "Number"}}
	plan.Rows = [][]any{{"All actions", p.Total}, {"Not started", p.NotStarted},
		{"In progress", p.InProgress}, {"Completed", p.Completed}, {"Cancelled", p.Cancelled},
		{"Rated red", p.Red}, {"Rated amber", p.Amber}, {"Rated green", p.Green},
		{"Overdue", p.Overdue}, {"Share completed", percent(p.CompletedShare)}}
	trend := figureTable{Title: "Trend of results", Header: []string{"Report", "Activity",
		"Audits", "Good or better"}}
	for _, t := range f.Trend {
		trend.Rows = append(trend.Rows, []any{t.Report, t.Title, t.Responses, t.GoodOrBetter})
	}
	voice := figureTable{Title: "Voice of young people and families",
		Header: []string{"Source", "Strength or development", "What was said", "Date"}}
	for _, v := range f.Voice {
		voice.Rows = append(voice.Rows, []any{v.Source, labelText(v.Polarity), v.Body, v.FoundOn})
	}
	return []figureTable{head, grades, agree, tl, themes, plan, trend, voice}
}

var underscores = strings.NewReplacer("_", " ")

// labelText words a code for people: "requires_improvement" reads
// "Requires improvement".
func labelText(code string) string {
	s := underscores.Replace(code)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// reportChart is a chart of the report with the text that describes it.
type reportChart struct {
	Title string
	// Alt says in words what the chart shows.
	Alt string
	PNG []byte
}

// reportCharts draws the grade distribution of each activity and the
// statutory timeliness shares.
func reportCharts(r ReportResponse) ([]reportChart, error) {
	var out []reportChart
	for _, a := range r.Figures.Activities {
		if len(a.Grades) == 0 {
			continue
		}
		var labels, parts []string
		values := []float64{}
		for _, g := range a.Grades {
			labels = append(labels, labelText(g.Label))
			values = append(values, float64(g.Count))
			parts = append(parts, fmt.Sprintf("%s %d", labelText(g.Label), g.Count))
		}
		png, err := barChart(a.Title, labels, values)
		if err != nil {
			return nil, err
		}
		out = append(out, reportChart{Title: "Results of the " + a.Title, PNG: png,
			Alt: fmt.Sprintf("Bar chart of %d audits: %s.", a.Responses, strings.Join(parts, ", "))})
	}
	t := r.Figures.Timeliness
	shares := []struct {
		label string
		v     *float64
	}{{"EHCNA 20 weeks (incl.)", t.EHCNA.WithExceptions},
		{"EHCNA 20 weeks (excl.)", t.EHCNA.WithoutExceptions},
		{"Health advice 6 weeks", t.HealthAdvice.Share}, {"Annual reviews", t.AnnualReviews.Share}}
	var labels, parts []string
	var values []float64
	for _, s := range shares {
		labels = append(labels, s.label)
		v := 0.0
		if s.v != nil {
			v = *s.v * 100
		}
		values = append(values, v)
		parts = append(parts, fmt.Sprintf("%s %s", s.label, percent(s.v)))
	}
	png, err := barChart("Statutory timeliness (%)", labels, values)
	if err != nil {
		return nil, err
	}
	out = append(out, reportChart{Title: "Statutory timeliness", PNG: png,
		Alt: "Bar chart of the share of steps on time: " + strings.Join(parts, ", ") + "."})
	return out, nil
}

func barChart(title string, labels []string, values []float64) ([]byte, error) {
	p, err := charts.BarRender([][]float64{values}, charts.PNGOutputOptionFunc(),
		charts.DimensionsOptionFunc(800, 360), charts.TitleTextOptionFunc(title),
		charts.XAxisLabelsOptionFunc(labels))
	if err != nil {
		return nil, fmt.Errorf("draw chart: %w", err)
	}
	return p.Bytes()
}

// reportPDF writes a report as a PDF: the figures, their charts with a
// description of each, and the narrative. Its text is left uncompressed so
// that it can be searched and checked; its chart images are compressed on
// their own.
func reportPDF(r ReportResponse) ([]byte, error) {
	drawn, err := reportCharts(r)
	if err != nil {
		return nil, err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetTitle(r.Title, true)
	pdf.SetCreator("sendqa", true)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	heading := func(size float64, text string) {
		pdf.SetFont("Helvetica", "B", size)
		pdf.MultiCell(0, size*0.5, tr(text), "", "L", false)
		pdf.Ln(2)
	}
	body := func(text string) {
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 5, tr(text), "", "L", false)
		pdf.Ln(2)
	}
	heading(18, r.Title)
	body(fmt.Sprintf("Period %s to %s. %s.", r.From, r.To, labelText(r.State)))
	if r.PreviousTitle != "" {
		body("Compared with " + r.PreviousTitle + ".")
	}
	narrative := map[string]string{}
	for k, v := range r.Narrative {
		narrative[k] = v
	}
	if s := narrative["summary"]; s != "" {
		heading(13, "Summary")
		body(s)
	}
	sectionText := map[string]string{"Grade distributions": "audits",
		"Moderation agreement": "moderation", "Statutory timeliness": "timeliness",
		"Triangulated themes": "themes", "Improvement plan progress": "plan",
		"Voice of young people and families": "voice"}
	for _, t := range figureTables(r) {
		heading(13, t.Title)
		if s := narrative[sectionText[t.Title]]; s != "" {
			body(s)
		}
		pdfTable(pdf, tr, t)
		for _, c := range drawn {
			if (t.Title == "Grade distributions" && c.Title != "Statutory timeliness") ||
				(t.Title == "Statutory timeliness" && c.Title == "Statutory timeliness") {
				pdfChart(pdf, tr, c)
			}
		}
	}
	if s := narrative["next_steps"]; s != "" {
		heading(13, "Next steps")
		body(s)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("write PDF: %w", err)
	}
	return b.Bytes(), nil
}

func pdfTable(pdf *fpdf.Fpdf, tr func(string) string, t figureTable) {
	if len(t.Rows) == 0 {
		pdf.SetFont("Helvetica", "I", 10)
		pdf.MultiCell(0, 5, "Nothing was recorded in this period.", "", "L", false)
		pdf.Ln(3)
		return
	}
	width := 180.0 / float64(len(t.Header))
	first := width
	if len(t.Header) > 2 {
		first = 180 - width*float64(len(t.Header)-1)*0.8
		width = (180 - first) / float64(len(t.Header)-1)
	}
	w := func(i int) float64 {
		if i == 0 {
			return first
		}
		return width
	}
	pdf.SetFont("Helvetica", "B", 9)
	for i, h := range t.Header {
		pdf.CellFormat(w(i), 6, tr(truncate(h, w(i))), "1", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("Helvetica", "", 9)
	for _, row := range t.Rows {
		for i, v := range row {
			pdf.CellFormat(w(i), 6, tr(truncate(fmt.Sprint(v), w(i))), "1", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.Ln(4)
}

// truncate shortens text to about the width of its cell in millimetres.
func truncate(s string, mm float64) string {
	limit := int(mm / 1.7)
	if r := []rune(s); len(r) > limit && limit > 3 {
		return string(r[:limit-1]) + "…"
	}
	return s
}

var imageName = regexp.MustCompile(`[^a-z0-9]+`)

func pdfChart(pdf *fpdf.Fpdf, tr func(string) string, c reportChart) {
	name := imageName.ReplaceAllString(strings.ToLower(c.Title), "-")
	pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"},
		bytes.NewReader(c.PNG))
	if pdf.GetY() > 190 {
		pdf.AddPage()
	}
	pdf.ImageOptions(name, 15, pdf.GetY(), 180, 81, true, fpdf.ImageOptions{ImageType: "PNG"},
		0, "")
	pdf.SetFont("Helvetica", "I", 9)
	pdf.MultiCell(0, 4.5, tr(c.Alt), "", "L", false)
	pdf.Ln(3)
}

// reportXLSX writes every figure of a report as a spreadsheet, one sheet
// per table.
func reportXLSX(r ReportResponse) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for n, t := range figureTables(r) {
		sheet := t.Title
		if len(sheet) > 31 {
			sheet = sheet[:31]
		}
		if n == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return nil, err
		}
		rows := append([][]any{toAny(t.Header)}, t.Rows...)
		for i, row := range rows {
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			if err != nil {
				return nil, err
			}
			if err := f.SetSheetRow(sheet, cell, &row); err != nil {
				return nil, err
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, fmt.Errorf("write spreadsheet: %w", err)
	}
	return b.Bytes(), nil
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func downloadName(r ReportResponse, ext string) string {
	return imageName.ReplaceAllString(strings.ToLower(r.Title), "-") + "." + ext
}

// reportPDF downloads a report as a PDF with its figures and charts.
//
//	@Summary	Download a practice report as PDF
//	@Tags		reports
//	@Produce	application/pdf
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Report id"	format(uuid)
//	@Success	200		{string}	string	"PDF"
//	@Header		200		{string}	Content-Disposition	"attachment"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/reports/{id}/pdf [get]
func (s *Server) reportPDF(c echo.Context) error {
	v, err := s.reportView(c)
	if err != nil {
		return err
	}
	resp := reportResponse(v)
	b, err := reportPDF(resp)
	if err != nil {
		return err
	}
	return download(c, downloadName(resp, "pdf"), "application/pdf", b)
}

// reportXLSX downloads every figure of a report as a spreadsheet.
//
//	@Summary	Download a practice report's figures as XLSX
//	@Tags		reports
//	@Produce	application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Report id"	format(uuid)
//	@Success	200		{string}	string	"XLSX"
//	@Header		200		{string}	Content-Disposition	"attachment"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/reports/{id}/xlsx [get]
func (s *Server) reportXLSX(c echo.Context) error {
	v, err := s.reportView(c)
	if err != nil {
		return err
	}
	resp := reportResponse(v)
	b, err := reportXLSX(resp)
	if err != nil {
		return err
	}
	return download(c, downloadName(resp, "xlsx"),
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

// download answers a file with the headers every download carries.
func download(c echo.Context, name, contentType string, b []byte) error {
	h := c.Response().Header()
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, contentType, b)
}
