package validate

import (
	"strings"
	"unicode/utf8"
)

// Languages are the ten languages the vendor documents, in its order. The spec also accepts any
// other value of the ll_CC shape, since the vendor's list is cut off; callers may warn about
// those. Treat the slice as read-only: Language does not consult it.
var Languages = []string{"cs_CZ", "da_DK", "de_DE", "en_GB", "en_US", "es_ES", "es_MX", "fi_FI", "fr_FR", "hu_HU"}

// Language checks a language of the form ll_CC (language_COUNTRY, such as de_DE), at most 8
// characters. documented reports whether it is one of the ten Languages the vendor documents; it
// is false whenever err is not nil.
func Language(s string) (documented bool, err error) {
	if s == "" {
		return false, fieldError("language", s, "must not be empty")
	}
	if utf8.RuneCountInString(s) > languageMaxLength || !languageRE().MatchString(s) {
		reason := quote(s) + " is not of the form ll_CC (language_COUNTRY, such as de_DE)"
		if hint := languageHint(s); hint != "" {
			reason += `; did you mean "` + hint + `"?`
		}
		return false, fieldError("language", s, reason)
	}
	return isDocumentedLanguage(s), nil
}

// isDocumentedLanguage does not read Languages, so that a caller who modifies that slice cannot
// change what is valid.
func isDocumentedLanguage(s string) bool {
	switch s {
	case "cs_CZ", "da_DK", "de_DE", "en_GB", "en_US", "es_ES", "es_MX", "fi_FI", "fr_FR", "hu_HU":
		return true
	}
	return false
}

// languageHint repairs the usual slips (de-DE, de_de, DE_DE) or returns "".
func languageHint(s string) string {
	lang, country, ok := strings.Cut(strings.ReplaceAll(s, "-", "_"), "_")
	if !ok {
		return ""
	}
	candidate := strings.ToLower(lang) + "_" + strings.ToUpper(country)
	if candidate == s || !languageRE().MatchString(candidate) {
		return ""
	}
	return candidate
}
