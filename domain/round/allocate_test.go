package round_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"sendqa/domain/round"
)

var services = []string{"SENSTART", "Educational Psychology", "Social Care", "Community Paediatrics",
	"Speech and Language Therapy", "Physiotherapy", "Schools"}

func randomServices(r *rand.Rand, most int) []string {
	var out []string
	for _, s := range services {
		if len(out) < most && r.IntN(3) == 0 {
			out = append(out, s)
		}
	}
	return out
}

func randomCase(r *rand.Rand, auditors, subjects int) ([]round.Auditor, []round.Subject) {
	as := make([]round.Auditor, auditors)
	for i := range as {
		as[i] = round.Auditor{ID: fmt.Sprintf("a%02d", i), Services: randomServices(r, 1)}
	}
	ss := make([]round.Subject, subjects)
	for i := range ss {
		ss[i] = round.Subject{ID: fmt.Sprintf("s%03d", i), Services: randomServices(r, 4)}
	}
	return as, ss
}

// balancedExists decides by brute force whether the subjects can all be
// given out with no conflict and loads differing by at most one.
func balancedExists(as []round.Auditor, ss []round.Subject) bool {
	low, high := len(ss)/len(as), (len(ss)+len(as)-1)/len(as)
	loads := make([]int, len(as))
	var try func(i int) bool
	try = func(i int) bool {
		if i == len(ss) {
			for _, l := range loads {
				if l < low {
					return false
				}
			}
			return true
		}
		for a := range as {
			if loads[a] < high && !round.Conflicted(as[a], ss[i]) {
				loads[a]++
				if try(i + 1) {
					return true
				}
				loads[a]--
			}
		}
		return false
	}
	return try(0)
}

func check(t *testing.T, as []round.Auditor, ss []round.Subject, got round.Assignment) (spread int) {
	t.Helper()
	byID := map[string]round.Auditor{}
	for _, a := range as {
		byID[a.ID] = a
	}
	loads := map[string]int{}
	for _, s := range ss {
		id, ok := got.AuditorOf[s.ID]
		if !ok {
			continue
		}
		if round.Conflicted(byID[id], s) {
			t.Fatalf("subject %s (%v) given to %s, who works for %v", s.ID, s.Services, id, byID[id].Services)
		}
		loads[id]++
	}
	if len(got.AuditorOf)+len(got.Unallocated) != len(ss) {
		t.Fatalf("%d allocated and %d unallocated of %d", len(got.AuditorOf), len(got.Unallocated), len(ss))
	}
	low, high := len(ss), 0
	for _, a := range as {
		low, high = min(low, loads[a.ID]), max(high, loads[a.ID])
	}
	return high - low
}

// The property: over random cohorts and subjects, no auditor is ever
// given a conflicted subject, and whenever a balanced assignment exists
// every subject is given out and loads differ by at most one.
func TestAllocationNeverConflictsAndBalancesWheneverPossible(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 10))
	for trial := range 400 {
		as, ss := randomCase(r, 1+r.IntN(4), r.IntN(9))
		got := round.Allocate(as, ss, int64(trial))
		spread := check(t, as, ss, got)
		if balancedExists(as, ss) && (len(got.Unallocated) > 0 || spread > 1) {
			t.Fatalf("trial %d: a balanced assignment exists but got %d unallocated and spread %d\n%v\n%v",
				trial, len(got.Unallocated), spread, as, ss)
		}
	}
}

func TestAllocationOfACohortSizedSample(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for trial := range 100 {
		as, ss := randomCase(r, 20, 40)
		got := round.Allocate(as, ss, int64(trial))
		if spread := check(t, as, ss, got); len(got.Unallocated) == 0 && spread > 1 {
			t.Fatalf("trial %d: loads differ by %d", trial, spread)
		}
	}
}

func TestAllocationRepeatsFromItsSeed(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	as, ss := randomCase(r, 10, 20)
	a, b := round.Allocate(as, ss, 5), round.Allocate(as, ss, 5)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("the same seed allocated differently")
	}
}

func TestASubjectEveryAuditorIsConflictedWithStaysUnallocated(t *testing.T) {
	as := []round.Auditor{{ID: "a", Services: []string{"SENSTART"}}, {ID: "b", Services: []string{"ICB"}}}
	ss := []round.Subject{{ID: "s1", Services: []string{"senstart", "ICB"}}, {ID: "s2"}}
	got := round.Allocate(as, ss, 1)
	if len(got.Unallocated) != 1 || got.Unallocated[0] != "s1" || got.AuditorOf["s2"] == "" {
		t.Fatalf("got %+v, want s1 unallocated and s2 allocated", got)
	}
}
