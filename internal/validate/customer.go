package validate

// Customer checks a customer number: five digits and an optional two-letter upper-case suffix,
// such as 44444 or 44444AB.
func Customer(s string) error {
	if s == "" {
		return fieldError("customer", s, "must not be empty")
	}
	if !customerRE().MatchString(s) {
		return fieldError("customer", s, quote(s)+" is not a customer number (five digits and an optional two-letter upper-case suffix, such as 44444 or 44444AB)")
	}
	return nil
}
