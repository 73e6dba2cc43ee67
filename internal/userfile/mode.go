package userfile

// Mode is what the records are read for; it decides the required fields and, for delete, the
// extra formats.
type Mode int

const (
	ModeCreate Mode = iota + 1
	ModeUpdate
	ModeDelete
	ModeSync
)

func (m Mode) String() string {
	switch m {
	case ModeCreate:
		return "create"
	case ModeUpdate:
		return "update"
	case ModeDelete:
		return "delete"
	case ModeSync:
		return "sync"
	}
	return "unknown mode"
}

func (m Mode) valid() bool {
	return m >= ModeCreate && m <= ModeSync
}

// required reports whether a field must be present in every record of this mode.
func (m Mode) required(name string) bool {
	switch name {
	case "user":
		return true
	case "displayName", "givenName", "surName":
		return m == ModeCreate || m == ModeSync
	}
	return false
}

// requiredText lists the required fields for messages.
func (m Mode) requiredText() string {
	if m == ModeCreate || m == ModeSync {
		return "user, displayName, givenName and surName"
	}
	return "user"
}
