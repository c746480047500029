package round

import (
	"slices"
	"strings"
)

// Auditor is a member of a round's cohort with the services they work for.
type Auditor struct {
	ID       string
	Services []string
}

// Subject is a drawn subject with the services that contributed to it.
type Subject struct {
	ID       string
	Services []string
}

// Conflicted reports whether the auditor works for a service that
// contributed to the subject; names match in any case.
func Conflicted(a Auditor, s Subject) bool {
	for _, mine := range a.Services {
		for _, theirs := range s.Services {
			if strings.EqualFold(strings.TrimSpace(mine), strings.TrimSpace(theirs)) {
				return true
			}
		}
	}
	return false
}

// Assignment is the outcome of Allocate: each allocated subject's auditor
// by id, and the subjects no auditor could take without a conflict or
// without unbalancing the loads.
type Assignment struct {
	AuditorOf   map[string]string
	Unallocated []string
}

// Allocate gives every subject one auditor, never one whose service
// contributed to it, with the auditors' loads differing by at most one
// whenever such an assignment exists. It treats the problem as a flow:
// first every auditor is filled to the lower load, then the remainder is
// spread one extra each, and augmenting paths never take a subject away
// from an auditor once given, so both steps keep what came before. The
// seed orders the search, so ties fall differently each round but the
// same way for the same seed. Auditors are ordered so that the extra
// subjects fall to different services in turn.
func Allocate(auditors []Auditor, subjects []Subject, seed int64) Assignment {
	out := Assignment{AuditorOf: map[string]string{}}
	if len(auditors) == 0 {
		for _, s := range subjects {
			out.Unallocated = append(out.Unallocated, s.ID)
		}
		return out
	}
	rng := newRand(seed)
	auditors = interleaveByService(auditors, rng)
	subjects = slices.Clone(subjects)
	slices.SortFunc(subjects, func(a, b Subject) int { return strings.Compare(a.ID, b.ID) })
	shuffle(rng, subjects)

	f := newFlow(auditors, subjects)
	low := len(subjects) / len(auditors)
	f.fill(low)
	f.fill(low + 1)
	for si, s := range subjects {
		if ai := f.auditorOf[si]; ai >= 0 {
			out.AuditorOf[s.ID] = auditors[ai].ID
		} else {
			out.Unallocated = append(out.Unallocated, s.ID)
		}
	}
	return out
}

// interleaveByService orders auditors service by service in turn (the
// first of each service, then the second of each...), shuffled by rng
// within each service, so that capacity handed out in order spreads over
// services.
func interleaveByService(auditors []Auditor, rng interface{ Uint64() uint64 }) []Auditor {
	sorted := slices.Clone(auditors)
	slices.SortFunc(sorted, func(a, b Auditor) int { return strings.Compare(a.ID, b.ID) })
	groups := map[string][]Auditor{}
	var keys []string
	for _, a := range sorted {
		k := strings.ToLower(strings.Join(a.Services, ";"))
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], a)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g := groups[k]
		for i := len(g) - 1; i > 0; i-- {
			j := int(rng.Uint64() % uint64(i+1))
			g[i], g[j] = g[j], g[i]
		}
	}
	var out []Auditor
	for round := 0; len(out) < len(sorted); round++ {
		for _, k := range keys {
			if round < len(groups[k]) {
				out = append(out, groups[k][round])
			}
		}
	}
	return out
}

// flow is a bipartite matching of subjects to auditors with a capacity
// per auditor, grown by augmenting paths.
type flow struct {
	allowed   [][]int // per subject, the auditors without a conflict
	auditorOf []int   // per subject, its auditor or -1
	held      [][]int // per auditor, its subjects
	capacity  int
}

func newFlow(auditors []Auditor, subjects []Subject) *flow {
	f := &flow{allowed: make([][]int, len(subjects)), auditorOf: make([]int, len(subjects)),
		held: make([][]int, len(auditors))}
	for si, s := range subjects {
		f.auditorOf[si] = -1
		for ai, a := range auditors {
			if !Conflicted(a, s) {
				f.allowed[si] = append(f.allowed[si], ai)
			}
		}
	}
	return f
}

// fill raises every auditor's capacity to c and augments until no
// unallocated subject can be placed.
func (f *flow) fill(c int) {
	f.capacity = c
	for progress := true; progress; {
		progress = false
		for si := range f.allowed {
			if f.auditorOf[si] >= 0 {
				continue
			}
			seen := make([]bool, len(f.held))
			if f.augment(si, seen) {
				progress = true
			}
		}
	}
}

// augment places subject si, moving other subjects along a path of
// auditors to make room where needed.
func (f *flow) augment(si int, seen []bool) bool {
	for _, ai := range f.allowed[si] {
		if seen[ai] {
			continue
		}
		seen[ai] = true
		if len(f.held[ai]) < f.capacity {
			f.assign(si, ai)
			return true
		}
		for _, other := range f.held[ai] {
			if f.augment(other, seen) {
				f.assign(si, ai)
				return true
			}
		}
	}
	return false
}

func (f *flow) assign(si, ai int) {
	if prev := f.auditorOf[si]; prev >= 0 {
		f.held[prev] = slices.DeleteFunc(f.held[prev], func(x int) bool { return x == si })
	}
	f.auditorOf[si] = ai
	f.held[ai] = append(f.held[ai], si)
}
