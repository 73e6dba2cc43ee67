// Package syncplan computes what `ecctl users sync` must change so that the users of a
// customer match a file: which users to create, which to update (and which fields, from what
// to what), which to delete, and how many are unchanged. It sends nothing: Compute is a pure
// function of the file's records and the current users, and FetchAll reads the current users.
//
// # Matching
//
// A record of the file and a current user are the same user when their addresses are equal
// ignoring letter case, as userfile's duplicate check has it: mail systems treat
// Jane@example.com and jane@example.com as one mailbox. An update is sent for the address as
// the service knows it; sync cannot change the letter case of an address. Should the service
// hold two addresses that differ only in letter case (it takes addresses as given), a record
// matches the one spelt exactly like it, and a record spelt like neither is an
// *AmbiguousError, since guessing could update or delete the wrong mailbox.
//
// # What is compared
//
// Only the fields a record sets (Record.Fields: the file's columns or JSON keys) are compared;
// a field the file does not mention is left as it is. In particular language and timezone are
// compared only when the file gives them: an empty language or timezone cell in a CSV file
// means "not given", not "clear" (they cannot be cleared).
//
// The nullable fields department, costcenter, phone and mobile compare "no value" (absent or
// null on the service) with null in the file: an empty CSV cell, or JSON null, clears a value
// the service has, and matches a user that has none.
//
// failoverGroups is compared as a set: order and repeated names do not matter, so a file that
// lists "emea;germany" matches a user in "germany, emea". No groups, null and an empty list
// are all "no groups". When the groups differ, the file's list is sent as it is.
//
// The status columns activation, access and failover of an export are read-only (the service
// and the flag commands set them); userfile ignores them, so sync never compares or changes
// them.
//
// # Cost
//
// Compute builds one map from lower-cased address to current user and makes a single pass over
// the file and one over the current users: time and memory are linear in the number of users,
// and the group comparison is bounded by the 16 groups a user may have. An update carries only
// the fields that differ (a minimal PATCH), and the plan allocates per change, not per
// unchanged user.
package syncplan
