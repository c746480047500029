package schedule

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// ICalendar writes the schedule as an iCalendar (RFC 5545) feed: one
// all-day event for each occurrence from the look-back period to a year
// ahead, named by the area, with a stable id so that a calendar program
// updates an event rather than adding it twice.
func ICalendar(area string, items []Item, today time.Time) string {
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//sendqa//QA schedule//EN")
	cal.SetName("QA schedule, " + area)
	cal.SetXWRCalName("QA schedule, " + area)
	cal.SetRefreshInterval("PT12H")
	stamp := today.UTC()
	for _, it := range items {
		a := it.Activity
		from := today.AddDate(0, 0, -LookBackDays)
		for _, due := range a.DueDates(from, today.AddDate(1, 0, 0)) {
			e := cal.AddEvent(a.ID.String() + "-" + due.Format("20060102") + "@sendqa")
			e.SetDtStampTime(stamp)
			e.SetAllDayStartAt(due)
			e.SetAllDayEndAt(due.AddDate(0, 0, 1))
			e.SetSummary(a.What)
			var desc []string
			if a.Who != "" {
				desc = append(desc, "Who: "+a.Who)
			}
			if a.Outcome != "" {
				desc = append(desc, "Outcome: "+a.Outcome)
			}
			e.SetDescription(strings.Join(desc, "\n"))
			e.SetTimeTransparency(ics.TransparencyTransparent)
		}
	}
	return cal.Serialize(ics.WithNewLine("\r\n"))
}
