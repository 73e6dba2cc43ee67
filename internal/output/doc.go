// Package output renders command results for people and for programs.
//
// It is the only package that imports tablewriter. Formats:
//
//   - table: for people; columns may change between versions. Every cell goes through
//     [Sanitize], so API data can never move the cursor, retitle the terminal or reorder
//     text with bidi controls. Booleans are shown as "yes"/"no"; an absent, null or empty
//     value is shown as "-" (see [OrDash]). Groups are joined with ",".
//   - json: the API's own field names (gen types are marshalled as they are), indented by
//     two spaces. Lists are one JSON array written incrementally ("[]" when empty).
//   - jsonl: one compact JSON object per line.
//   - yaml: the same keys and key order as json; lists are a YAML sequence written item by
//     item ("[]" when empty). Strings that a YAML 1.1 reader would take for something else
//     ("yes", "01", "null") are quoted.
//   - csv: for user lists the column set of internal/userfile, so that an export can be
//     edited and fed back to create/update/sync; for other results the table's rows.
//     CSV and the data formats carry API data unchanged (no sanitising), because they are
//     meant to round-trip.
//
// User lists are streamed ([NewUserWriter]): memory stays flat however many users are
// written. The table writer renders blocks of 500 rows and prints the header once; column
// widths never shrink from one block to the next, so a list of up to 500 users is
// perfectly aligned and a longer one only ever widens a column when a block holds a longer
// value than anything before it. Cells are never wrapped or truncated.
package output
