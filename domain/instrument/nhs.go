package instrument

import "errors"

// Errors returned by ParseNHSNumber.
var (
	ErrNHSFormat   = errors.New("must be 10 digits, optionally written as 3 3 4 with spaces")
	ErrNHSChecksum = errors.New("is not a valid NHS number: the check digit does not match")
)

// ParseNHSNumber checks an NHS number and returns its ten digits with any
// spaces removed. It accepts "9434765919" and "943 476 5919"; the last digit
// must be the modulus 11 check digit of the first nine.
func ParseNHSNumber(s string) (string, error) {
	if len(s) == 12 && s[3] == ' ' && s[7] == ' ' {
		s = s[0:3] + s[4:7] + s[8:12]
	}
	if len(s) != 10 {
		return "", ErrNHSFormat
	}
	if _, ok := digits(s); !ok {
		return "", ErrNHSFormat
	}

	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(s[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	// A remainder that asks for a check digit of 10 means no valid number
	// can be built from these nine digits.
	if check == 10 || check != int(s[9]-'0') {
		return "", ErrNHSChecksum
	}

	return s, nil
}
