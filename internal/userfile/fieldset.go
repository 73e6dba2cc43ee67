package userfile

// writableFields are the fields a record can set, in the order of their bits in a fieldSet.
func writableFields() [11]string {
	return [11]string{
		"user", "displayName", "givenName", "surName", "language", "timezone",
		"department", "costcenter", "phone", "mobile", "failoverGroups",
	}
}

// fieldSet is a set of writable fields, one bit per field of writableFields.
type fieldSet uint16

func fieldBit(name string) fieldSet {
	for i, f := range writableFields() {
		if f == name {
			return 1 << i
		}
	}
	return 0
}

func (s fieldSet) with(name string) fieldSet { return s | fieldBit(name) }

func (s fieldSet) has(name string) bool {
	bit := fieldBit(name)
	return bit != 0 && s&bit != 0
}

// fieldsMap returns the Record.Fields map of a set; one map per distinct set and Read.
func (rd *reader) fieldsMap(s fieldSet) map[string]bool {
	if m, ok := rd.fieldMaps[s]; ok {
		return m
	}
	m := map[string]bool{}
	for i, f := range writableFields() {
		if s&(1<<i) != 0 {
			m[f] = true
		}
	}
	if rd.fieldMaps == nil {
		rd.fieldMaps = map[fieldSet]map[string]bool{}
	}
	rd.fieldMaps[s] = m
	return m
}
