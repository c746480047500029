// Command benchreport reads `go test -bench` output on standard input and
// prints the median time of each benchmark over its runs and, for
// benchmarks with variants (Benchmark<Name>/<variant>), the ratio of each
// variant to the baseline variant, the one whose name starts with "bare"
// or "sql". Medians, because these machines are shared and noisy.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var line = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)$`)

func main() {
	samples := map[string][]float64{}
	extra := map[string]string{}
	var order []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ns, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			continue
		}
		if _, seen := samples[m[1]]; !seen {
			order = append(order, m[1])
		}
		samples[m[1]] = append(samples[m[1]], ns)
		extra[m[1]] = strings.TrimSpace(m[3])
	}
	if len(order) == 0 {
		fmt.Println("benchreport: no benchmark results on standard input")
		os.Exit(1)
	}
	medians := map[string]float64{}
	fmt.Printf("%-64s %6s %14s  %s\n", "benchmark", "runs", "median", "other figures (last run)")
	for _, name := range order {
		medians[name] = median(samples[name])
		fmt.Printf("%-64s %6d %14s  %s\n", name, len(samples[name]), human(medians[name]), extra[name])
	}

	fmt.Println()
	fmt.Println("ratios to the baseline variant (median / baseline median):")
	groups := map[string][]string{}
	for _, name := range order {
		if i := strings.LastIndex(name, "/"); i > 0 {
			groups[name[:i]] = append(groups[name[:i]], name)
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, g := range keys {
		base := ""
		for _, v := range groups[g] {
			leaf := v[strings.LastIndex(v, "/")+1:]
			if strings.HasPrefix(leaf, "bare") || strings.HasPrefix(leaf, "sql") {
				base = v
			}
		}
		if base == "" {
			continue
		}
		for _, v := range groups[g] {
			if v != base {
				fmt.Printf("  %-62s %.2fx  (%s vs %s)\n", v, medians[v]/medians[base],
					human(medians[v]), human(medians[base]))
			}
		}
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func human(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
