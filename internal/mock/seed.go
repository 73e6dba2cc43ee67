package mock

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
)

// seedVersion is mixed into the generator's seed; changing the generator means changing
// it, so that "the same --seed N gives the same users" holds within one version.
const seedVersion = 1

// locale is a pool of names with the language, time zones and phone prefix that fit it.
// Languages are the vendor's ten documented values; Norwegian and Polish names (which
// have no documented language) use en_GB.
type locale struct {
	language  string
	timezones []string
	phone     string
	region    string // a failover group of the region
	country   string // a failover group of the country, "" if none
	given     []string
	sur       []string
}

var locales = []locale{
	{"de_DE", []string{"Europe/Berlin"}, "+49 30", "emea", "germany",
		[]string{"Jürgen", "Anna", "Lukas", "Söhnke", "Björn", "Käthe", "Jörg", "Maximilian", "Lena", "Günther"},
		[]string{"Müller", "Schröder", "Groß", "Weiß", "Meyer", "Schmidt", "Köhler", "Bäcker", "Hoffmann", "Wagner"}},
	{"cs_CZ", []string{"Europe/Prague"}, "+420 2", "emea", "czechia",
		[]string{"Žofie", "Tomáš", "Jiří", "Kateřina", "Lukáš", "Zuzana"},
		[]string{"Dvořák", "Novák", "Černý", "Procházková", "Kučera", "Svoboda"}},
	{"da_DK", []string{"Europe/Copenhagen"}, "+45 33", "emea", "nordics",
		[]string{"Søren", "Mette", "Jørgen", "Astrid", "Freja", "Mads"},
		[]string{"Jørgensen", "Nielsen", "Sørensen", "Hansen", "Møller", "Østergaard"}},
	{"en_GB", []string{"Europe/Oslo"}, "+47 22", "emea", "nordics",
		[]string{"Øyvind", "Åse", "Bjørn", "Ingrid", "Håkon"},
		[]string{"Haugen", "Bråten", "Løvås", "Solberg", "Ødegård"}},
	{"en_GB", []string{"Europe/Warsaw"}, "+48 22", "emea", "",
		[]string{"Łukasz", "Małgorzata", "Paweł", "Zofia", "Wojciech"},
		[]string{"Kowalski", "Wiśniewska", "Wójcik", "Zieliński", "Łęcka"}},
	{"en_GB", []string{"Europe/London"}, "+44 20", "emea", "uk",
		[]string{"Oliver", "Amelia", "Harry", "Isla", "George", "Siobhán"},
		[]string{"Smith", "Jones", "Taylor", "O'Brien", "Davies", "Evans"}},
	{"en_US", []string{"America/New_York", "America/Chicago", "America/Los_Angeles"}, "+1 212", "americas", "usa",
		[]string{"Emily", "James", "Madison", "Michael", "Zoë", "Ethan"},
		[]string{"Johnson", "Williams", "Brown", "Miller", "Davis", "García"}},
	{"es_ES", []string{"Europe/Madrid"}, "+34 91", "emea", "spain",
		[]string{"José", "María", "Álvaro", "Lucía", "Iñigo", "Nuria"},
		[]string{"García", "Fernández", "Núñez", "Martínez", "López", "Muñoz"}},
	{"es_MX", []string{"America/Mexico_City"}, "+52 55", "americas", "mexico",
		[]string{"Sebastián", "Ximena", "Mateo", "Valentina", "Andrés"},
		[]string{"Hernández", "González", "Pérez", "Ramírez", "Cruz"}},
	{"fi_FI", []string{"Europe/Helsinki"}, "+358 9", "emea", "nordics",
		[]string{"Aino", "Väinö", "Eetu", "Siiri", "Jussi"},
		[]string{"Virtanen", "Mäkinen", "Nieminen", "Hämäläinen", "Järvinen"}},
	{"fr_FR", []string{"Europe/Paris"}, "+33 1", "emea", "france",
		[]string{"Chloé", "Émile", "Inès", "François", "Renée", "Noël"},
		[]string{"Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Bénard"}},
	{"hu_HU", []string{"Europe/Budapest"}, "+36 1", "emea", "hungary",
		[]string{"Ágnes", "Bence", "Zsófia", "Gergő", "Réka"},
		[]string{"Kovács", "Szabó", "Tóth", "Horváth", "Nagy"}},
	{"en_US", []string{"Asia/Singapore", "Asia/Tokyo", "Australia/Sydney"}, "+65 6", "apac", "",
		[]string{"Wei", "Yuki", "Priya", "Arjun", "Mei", "Haruto"},
		[]string{"Tan", "Tanaka", "Patel", "Kim", "Nguyen", "Chen"}},
}

var (
	seedDepartments = []string{"Sales", "IT", "Finance", "Support", "Marketing", "Legal", "Operations", "HR"}
	seedTeamGroups  = []string{"sales", "it", "finance", "support", "management"}
	seedBrands      = []string{"nordwind", "alpenglueck", "fjordline", "sonnenhof", "bluepeak", "kestrel", "meridian", "quellwerk"}
)

// transliterate makes an address part out of a name: lower case ASCII letters only.
var transliterate = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "å", "aa", "ø", "oe", "æ", "ae",
	"á", "a", "à", "a", "â", "a", "ą", "a", "é", "e", "è", "e", "ê", "e", "ë", "e", "ę", "e", "ē", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ő", "o",
	"ú", "u", "ù", "u", "û", "u", "ű", "u", "ñ", "n", "ń", "n", "ç", "c", "č", "c",
	"ř", "r", "š", "s", "ś", "s", "ž", "z", "ź", "z", "ż", "z", "ý", "y", "ł", "l",
	"ě", "e", "'", "", " ", "",
)

func addressPart(name string) string {
	s := transliterate.Replace(strings.ToLower(name))
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
}

// seedUsers generates n users for a customer. The same customer and n always give the same
// users: a PCG generator seeded from the customer number and seedVersion.
func seedUsers(customer string, n int) []userData {
	h := fnv.New64a()
	_, _ = h.Write([]byte(customer))
	rng := rand.New(rand.NewPCG(h.Sum64(), seedVersion))
	brand := seedBrands[rng.IntN(len(seedBrands))]
	domains := []string{brand + ".example", brand + "-" + strings.ToLower(customer) + ".example", "eu." + brand + ".example"}
	// next counts the uses of each name@domain; the second one gets suffix 2, and so on.
	// Generated names never end in a digit, so "anna.meyer2" cannot collide with a base.
	next := make(map[string]int, n)
	out := make([]userData, 0, n)
	for len(out) < n {
		loc := &locales[rng.IntN(len(locales))]
		given := loc.given[rng.IntN(len(loc.given))]
		sur := loc.sur[rng.IntN(len(loc.sur))]
		local := addressPart(given) + "." + addressPart(sur)
		domain := domains[rng.IntN(len(domains))]
		addr := local + "@" + domain
		next[addr]++
		if k := next[addr]; k > 1 {
			addr = local + strconv.Itoa(k) + "@" + domain
		}
		d := userData{u: user{
			addr:        addr,
			displayName: given + " " + sur,
			givenName:   given,
			surName:     sur,
			language:    loc.language,
			timezone:    loc.timezones[rng.IntN(len(loc.timezones))],
		}}
		if rng.IntN(5) > 0 {
			d.u.department = seedDepartments[rng.IntN(len(seedDepartments))]
		}
		if rng.IntN(3) > 0 {
			d.u.costcenter = fmt.Sprintf("CC-%04d", rng.IntN(10000))
		}
		if rng.IntN(4) > 0 {
			d.u.phone = fmt.Sprintf("%s %04d-%03d", loc.phone, rng.IntN(10000), rng.IntN(1000))
		}
		if rng.IntN(2) > 0 {
			d.u.mobile = fmt.Sprintf("%s %03d %07d", strings.Fields(loc.phone)[0], 150+rng.IntN(30), rng.IntN(10000000))
		}
		d.groups = seedGroups(rng, loc)
		if rng.IntN(10) < 7 {
			d.u.flags |= flagActivation
			if rng.IntN(10) < 8 {
				d.u.flags |= flagAccess
			}
		}
		out = append(out, d)
	}
	return out
}

// seedGroups picks 0 to 3 groups: region, country, team.
func seedGroups(rng *rand.Rand, loc *locale) []string {
	var g []string
	switch k := rng.IntN(10); {
	case k == 0:
		return nil
	case k < 4:
		g = append(g, loc.region)
	default:
		g = append(g, loc.region)
		if loc.country != "" {
			g = append(g, loc.country)
		}
	}
	if rng.IntN(2) == 0 {
		g = append(g, seedTeamGroups[rng.IntN(len(seedTeamGroups))])
	}
	return g
}
