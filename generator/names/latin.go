package names

import "sync"

// latinASCII spells the accented and special letters of the Latin-1
// Supplement and Latin Extended-A blocks (the letters of most European
// languages written in Latin script) in ASCII, the way a person would when
// a name must be ASCII: é -> e, ß -> ss, æ -> ae, ł -> l, þ -> th. A name
// suggestion uses it instead of dropping the letter ("café" -> "cafe", not
// "caf"). It is built on first use.
var latinASCII = sync.OnceValue(func() map[rune]string {
	return latinTable(map[string]string{
		"A": "ÀÁÂÃÄÅĀĂĄ", "a": "àáâãäåāăą", "AE": "Æ", "ae": "æ",
		"C": "ÇĆĈĊČ", "c": "çćĉċč", "D": "ÐĎĐ", "d": "ðďđ",
		"E": "ÈÉÊËĒĔĖĘĚ", "e": "èéêëēĕėęě", "G": "ĜĞĠĢ", "g": "ĝğġģ",
		"H": "ĤĦ", "h": "ĥħ", "I": "ÌÍÎÏĨĪĬĮİ", "i": "ìíîïĩīĭįı",
		"IJ": "Ĳ", "ij": "ĳ", "J": "Ĵ", "j": "ĵ", "K": "Ķ", "k": "ķĸ",
		"L": "ĹĻĽĿŁ", "l": "ĺļľŀł", "N": "ÑŃŅŇŊ", "n": "ñńņňŉŋ",
		"O": "ÒÓÔÕÖØŌŎŐ", "o": "òóôõöøōŏő", "OE": "Œ", "oe": "œ",
		"R": "ŔŖŘ", "r": "ŕŗř", "S": "ŚŜŞŠ", "s": "śŝşšſ", "ss": "ß",
		"T": "ŢŤŦ", "t": "ţťŧ", "TH": "Þ", "th": "þ",
		"U": "ÙÚÛÜŨŪŬŮŰŲ", "u": "ùúûüũūŭůűų", "W": "Ŵ", "w": "ŵ",
		"Y": "ÝŶŸ", "y": "ýÿŷ", "Z": "ŹŻŽ", "z": "źżž",
	})
})

// latinTable inverts spelling -> letters into letter -> spelling.
func latinTable(spellings map[string]string) map[rune]string {
	table := make(map[rune]string, 200)
	for ascii, letters := range spellings {
		for _, r := range letters {
			if _, dup := table[r]; dup {
				panic("names: letter spelled twice: " + string(r)) // a programming error, caught by any test
			}
			table[r] = ascii
		}
	}
	return table
}
