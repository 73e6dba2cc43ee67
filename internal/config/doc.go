// Package config owns ecctl's settings: the YAML config file with its
// profiles, the ECCTL_* environment variables and the global flags, resolved
// with the precedence flag > environment > profile > default. It is the only
// package that imports viper, and it never uses viper's global instance.
//
// The file (--config, ECCTL_CONFIG, else $XDG_CONFIG_HOME/ecctl/config.yaml,
// else ~/.config/ecctl/config.yaml) looks like this:
//
//	profiles:
//	  default:
//	    endpoint: https://api.retarus.com/email/continuity/v2/
//	    username: api-user
//	    customer: "44444"
//	    password-command: pass show retarus/continuity
//
// Profile names and keys are case-insensitive: a profile written as "Prod"
// is the profile "prod", and ecctl stores names in lower case. Profile names
// consist of letters, digits, '-' and '_'.
//
// Secrets: the API password comes from ECCTL_PASSWORD, else the profile's
// password-command, else the profile's password. No String, List or error of
// this package contains it. A file that holds a password and can be read by
// group or others is refused. Writes change only the keys asked for, keep the
// rest of the file (other profiles, unknown keys, comments) as it was, and
// always leave a 0600 file in a 0700 directory.
package config
