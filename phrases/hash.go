package phrases

import "math/bits"

// Word hashing for the stem and key caches. Words are short (most fit in
// eight bytes), so a seeded multiply-and-fold over eight-byte loads is
// several times cheaper than hash/maphash, whose call and set-up cost more
// than hashing a word. The seed is random per cache; a caller who picks
// words to collide only evicts cache entries, which costs time linear in
// the input, never correctness.

const (
	hashK0 = 0xa0761d6478bd642f
	hashK1 = 0xe7037ed1a0b428db
)

// mix folds the 128-bit product of a and b to 64 bits.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// load64 reads s[0:8] little-endian; len(s) ≥ 8.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 reads s[0:4] little-endian; len(s) ≥ 4.
func load32(s string) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// loadTail reads the 1 to 7 bytes of s little-endian into the low bytes
// (for fewer than four, a form that tells strings of one length apart).
func loadTail(s string) uint64 {
	switch n := len(s); {
	case n >= 4:
		// Two overlapping four-byte loads.
		return load32(s) | load32(s[n-4:])<<(8*(n-4))
	case n > 0:
		return uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16
	}
	return 0
}

// hashWord hashes s with seed. It also returns s packed into a uint64
// when s has at most eight bytes (two such strings of one length are
// equal exactly when their packed forms are), and 0 otherwise. It does not
// allocate.
func hashWord(s string, seed uint64) (h, packed uint64) {
	h = seed ^ uint64(len(s))*hashK1
	switch n := len(s); {
	case n == 8:
		packed = load64(s)
		return mix(h^packed, hashK0), packed
	case n > 8:
		// Below.
	case n >= 4:
		// loadTail's way, without its call: most words take it.
		packed = load32(s) | load32(s[n-4:])<<(8*(n-4))
		return mix(h^packed, hashK0), packed
	default:
		packed = loadTail(s)
		return mix(h^packed, hashK0), packed
	}
	for len(s) > 8 {
		h = mix(h^load64(s), hashK0)
		s = s[8:]
	}
	if len(s) == 8 {
		return mix(h^load64(s), hashK0), 0
	}
	return mix(h^loadTail(s), hashK0), 0
}

// sameWord reports whether a equals b, given b's packed form from hashWord
// and a's.
func sameWord(a, b string, packedA, packedB uint64) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) <= 8 {
		return packedA == packedB
	}
	return a == b
}

// hashFolded is hashWord of s lower-cased, for s of one to eight ASCII
// letters: setting bit 5 of every byte of the packed form lower-cases it.
func hashFolded(s string, seed uint64) (h, packed uint64) {
	h = seed ^ uint64(len(s))*hashK1
	switch n := len(s); {
	case n == 8:
		packed = load64(s) | 0x2020202020202020
	case n >= 4:
		packed = load32(s) | load32(s[n-4:])<<(8*(n-4)) | 0x20202020 | 0x20202020<<(8*(n-4))
	default:
		packed = loadTail(s) | 0x202020
	}
	return mix(h^packed, hashK0), packed
}
