// Package userfile reads the user files of `ecctl users create|update|delete|sync -f` and
// defines the CSV columns of `-o csv`, so that an export can be edited in a spreadsheet and read
// back.
//
// # Formats
//
// The format is detected from the content, not the file name. A UTF-8 byte order mark (as Excel
// writes it) is dropped; a file that is not UTF-8 is refused with the lines that are not.
//
//   - A JSON array of objects ('[' is the first non-space character).
//   - JSON Lines: one object per line ('{' first); several objects on a line or one object over
//     several lines are accepted too. A syntax error is reported and reading goes on with the
//     next line that starts with '{', so every broken line is reported at once.
//   - CSV with a header line. The delimiter is ';' when the header holds ';' and no ',' outside
//     quotes (Excel in many European locales), else ','. Header names are trimmed and matched
//     case-sensitively to the API's JSON names, which are also the columns of -o csv
//     (Columns). A column without a name is accepted only if all its cells are empty (Excel
//     writes trailing separators). Blank lines are skipped, and so are rows whose cells are all
//     empty or blank, such as ";;;;" (Excel's way of saving an empty row of a sheet).
//
// For delete, also: a JSON array or JSON Lines of address strings, objects with "user", or a
// mix; and a plain list of addresses, one per line, without a header (detected when the first
// non-empty line holds an '@' and no ',' or ';').
//
// # Values
//
// In JSON an absent key leaves the field unchanged and null clears it; null is accepted only on
// the nullable fields department, costcenter, phone, mobile and failoverGroups. In CSV an empty
// cell clears a nullable field, and leaves language, timezone and (on update) the name fields
// unchanged. The failoverGroups cell holds the groups separated by ';', each trimmed of
// surrounding spaces; with ';' as the delimiter such a cell must be in double quotes, as Excel
// writes it. Values are otherwise taken as they are (no trimming), so that a stray space is
// reported rather than silently sent.
//
// The read-only fields customer, domain and status, and the status columns activation, access
// and failover, are accepted and ignored: the service sets them, and create, update and sync
// cannot change them. For delete, every known field except user is ignored. An unknown column or
// key is an error (with a suggestion when only the letter case differs).
//
// Required per mode: create and sync need user, displayName, givenName and surName; update and
// delete need user.
//
// # Checks
//
// Every value is checked with package validate; a user address is normalised with
// validate.NormalizeUser (jane%40example.com is read as jane@example.com). Two records naming
// the same address are an error that names both places. The comparison is made after
// normalisation and ignores letter case: the API takes addresses as given, but mail systems
// treat Jane@example.com and jane@example.com as one mailbox, so a file holding both is almost
// certainly a mistake.
//
// Read collects every problem of the file (syntax, columns, types, values, duplicates) into one
// *Error instead of stopping at the first, and returns no records when there is any problem:
// nothing is sent from a file that is partly wrong.
package userfile
