package syncplan

import "reflect"

// comparedFields are the fields sync compares, in the order of the CSV columns; a field's
// index is its bit in a fieldMask.
func comparedFields() []string {
	return []string{
		"displayName", "givenName", "surName", "language", "timezone",
		"department", "costcenter", "phone", "mobile", "failoverGroups",
	}
}

// The bits of the compared fields, in the order of comparedFields.
const (
	bitDisplayName fieldMask = 1 << iota
	bitGivenName
	bitSurName
	bitLanguage
	bitTimezone
	bitDepartment
	bitCostcenter
	bitPhone
	bitMobile
	bitFailoverGroups
)

// fieldMask is a set of compared fields.
type fieldMask uint16

func (m fieldMask) has(bit fieldMask) bool { return m&bit != 0 }

// fieldMasks turns the Record.Fields maps into masks. userfile shares one map among the
// records that set the same fields, so a file holds a handful of distinct maps: the mask is
// computed once per map, found by the map's identity, instead of ten string lookups per
// record. The maps stay alive (the records hold them) while Compute runs, so their addresses
// cannot be reused for another map in the meantime.
type fieldMasks struct {
	lastPtr uintptr
	last    fieldMask
	byPtr   map[uintptr]fieldMask
}

func (fm *fieldMasks) of(fields map[string]bool) fieldMask {
	if fields == nil {
		return 0
	}
	ptr := reflect.ValueOf(fields).Pointer()
	if ptr == fm.lastPtr {
		return fm.last
	}
	mask, ok := fm.byPtr[ptr]
	if !ok {
		for i, name := range comparedFields() {
			if fields[name] {
				mask |= 1 << i
			}
		}
		if fm.byPtr == nil {
			fm.byPtr = make(map[uintptr]fieldMask)
		}
		fm.byPtr[ptr] = mask
	}
	fm.lastPtr, fm.last = ptr, mask
	return mask
}
