// The HPACK Huffman code (RFC 7541 appendix B) and its decoder. The code is canonical (codes of one length
// are consecutive, in symbol order, shorter lengths first), so the table below holds only each symbol's
// code length, transcribed from appendix B; the codes are derived from it at load (the unit tests check
// them against appendix B's codes and the appendix C examples).

/** Code length in bits of each symbol 0..255 and of EOS (256), from RFC 7541 appendix B. */
const LENGTHS: readonly number[] = [
  13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
  28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
  5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
  13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
  7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
  15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
  6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
  20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
  24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
  22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
  21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
  26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
  19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
  20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
  26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
  30,
];

/** EOS, the symbol that must never be decoded. */
const EOS = 256;

/** Each symbol's code, right-aligned (as appendix B's "as hex" column). */
export const HUFFMAN_CODES: readonly number[] = (() => {
  const order = LENGTHS.map((_, s) => s).sort((a, b) => LENGTHS[a] - LENGTHS[b] || a - b);
  const codes: number[] = [];
  let code = 0;
  let prev = LENGTHS[order[0]];
  for (const s of order) {
    code *= 2 ** (LENGTHS[s] - prev); // up to 30 bits: multiplication keeps it exact
    prev = LENGTHS[s];
    codes[s] = code;
    code++;
  }
  return codes;
})();

/** Each symbol's code length. */
export const HUFFMAN_LENGTHS = LENGTHS;

// The decoder is a state machine over 4-bit nibbles: a state is an internal node of the code tree; a
// nibble moves to another internal node and emits at most one symbol (no code is shorter than 5 bits).
const STATES = 256;
/** Next state per (state, nibble). */
const NEXT = new Uint8Array(STATES * 16);
/** Symbol emitted per (state, nibble): -1 none, -2 EOS decoded (an error). */
const EMIT = new Int16Array(STATES * 16);
/** A state where the input may end: the bits since the last symbol are all ones and fewer than 8 (padding). */
const ACCEPT = new Uint8Array(STATES);

(() => {
  // Tree: internal nodes 0..255 (0 = root); child entries >= 0 are internal nodes, < 0 are ~symbol.
  const kids = new Int32Array(STATES * 2).fill(0x7fffffff);
  let nodes = 1;
  for (let s = 0; s <= EOS; s++) {
    let n = 0;
    const len = LENGTHS[s];
    const code = HUFFMAN_CODES[s];
    for (let i = len - 1; i >= 0; i--) {
      const bit = Math.floor(code / 2 ** i) & 1;
      const k = n * 2 + bit;
      if (i === 0) { kids[k] = ~s; break; }
      if (kids[k] === 0x7fffffff) kids[k] = nodes++;
      n = kids[k];
    }
  }
  // Depth and all-ones-ness of each internal node, for ACCEPT.
  const depth = new Int32Array(STATES);
  const ones = new Uint8Array(STATES);
  ones[0] = 1;
  for (let n = 0; n < STATES; n++) {
    for (let bit = 0; bit < 2; bit++) {
      const k = kids[n * 2 + bit];
      if (k >= 0 && k !== 0x7fffffff) { depth[k] = depth[n] + 1; ones[k] = ones[n] && bit === 1 ? 1 : 0; }
    }
  }
  for (let n = 0; n < STATES; n++) ACCEPT[n] = ones[n] && depth[n] <= 7 ? 1 : 0;
  for (let st = 0; st < STATES; st++) {
    for (let nib = 0; nib < 16; nib++) {
      let n = st;
      let emit = -1;
      for (let i = 3; i >= 0; i--) {
        const k = kids[n * 2 + ((nib >> i) & 1)];
        if (k < 0) {
          const sym = ~k;
          emit = sym === EOS ? -2 : sym;
          n = 0;
          if (sym === EOS) break;
        } else n = k;
      }
      NEXT[st * 16 + nib] = n;
      EMIT[st * 16 + nib] = emit;
    }
  }
})();

/**
 * Decodes the Huffman string `buf[start, end)` into `out` (room for (end - start) * 8 / 5 bytes needed);
 * returns the decoded length, or -1 when the input is invalid (EOS decoded, or padding that is not a
 * prefix of EOS or longer than 7 bits: RFC 7541 5.2, a COMPRESSION_ERROR).
 */
export function huffmanDecode(buf: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let st = 0;
  let o = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    let k = st * 16 + (b >> 4);
    let e = EMIT[k];
    if (e !== -1) { if (e < 0) return -1; out[o++] = e; }
    st = NEXT[k];
    k = st * 16 + (b & 15);
    e = EMIT[k];
    if (e !== -1) { if (e < 0) return -1; out[o++] = e; }
    st = NEXT[k];
  }
  return ACCEPT[st] ? o : -1;
}

/** The Huffman encoding of latin1 `s` (padded with ones, RFC 7541 5.2). */
export function huffmanEncode(s: string): Buffer {
  let bits = 0;
  for (let i = 0; i < s.length; i++) bits += LENGTHS[s.charCodeAt(i) & 0xff];
  const out = Buffer.alloc(Math.ceil(bits / 8));
  let acc = 0; // pending bits, fewer than 8 after each flush
  let n = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 0xff;
    let len = LENGTHS[c];
    const code = HUFFMAN_CODES[c];
    while (len > 0) {
      const take = Math.min(len, 8);
      len -= take;
      acc = (acc << take) | (Math.floor(code / 2 ** len) & ((1 << take) - 1));
      n += take;
      while (n >= 8) { n -= 8; out[o++] = (acc >> n) & 0xff; }
      acc &= (1 << n) - 1;
    }
  }
  if (n > 0) out[o] = ((acc << (8 - n)) | ((1 << (8 - n)) - 1)) & 0xff;
  return out;
}
