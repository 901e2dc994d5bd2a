//! SipHash-2-4 with a 128-bit key, the keyed hash TensorFlow's `to_hash_bucket_strong` uses
//! (`StrongKeyedHash`, the key being the two words of Keras's `salt`). Written from the published
//! algorithm; the tests hold values TensorFlow 2 computes.

struct State {
    v: [u64; 4],
}

impl State {
    fn new(key: [u64; 2]) -> State {
        State { v: [key[0] ^ 0x736f_6d65_7073_6575, key[1] ^ 0x646f_7261_6e64_6f6d, key[0] ^ 0x6c79_6765_6e65_7261, key[1] ^ 0x7465_6462_7974_6573] }
    }

    fn round(&mut self) {
        let v = &mut self.v;
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }

    /// One 8-byte word through two compression rounds.
    fn compress(&mut self, word: u64) {
        self.v[3] ^= word;
        self.round();
        self.round();
        self.v[0] ^= word;
    }
}

/// SipHash-2-4 of `s` under `key`.
pub fn siphash24(key: [u64; 2], s: &[u8]) -> u64 {
    let mut state = State::new(key);
    let chunks = s.chunks_exact(8);
    let tail = chunks.remainder();
    for chunk in chunks {
        state.compress(u64::from_le_bytes(chunk.try_into().unwrap()));
    }
    // The last word: the remaining bytes, and the length's low byte on top.
    let mut last = (s.len() as u64 & 0xff) << 56;
    for (i, &byte) in tail.iter().enumerate() {
        last |= (byte as u64) << (8 * i);
    }
    state.compress(last);
    state.v[2] ^= 0xff;
    for _ in 0..4 {
        state.round();
    }
    state.v[0] ^ state.v[1] ^ state.v[2] ^ state.v[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_vector() {
        // SipHash's paper: key 00..0f, message 00..0e (15 bytes).
        let key = [0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908];
        let message: Vec<u8> = (0..15).collect();
        assert_eq!(siphash24(key, &message), 0xa129_ca61_49be_45e5);
    }

    #[test]
    fn matches_tensorflow_to_hash_bucket_strong() {
        // tf.strings.to_hash_bucket_strong(s, 2**62, key=[1, 2]) and key=[0x0706050403020100, 0x0f0e0d0c0b0a0908].
        let cases: [(&str, u64); 4] = [("", 443797209252341627), ("a", 546566331822570742), ("hello", 2957200328589801622), ("héllo", 2585625329550130320)];
        for (s, expected) in cases {
            assert_eq!(siphash24([1, 2], s.as_bytes()) % (1 << 62), expected, "{s:?}");
        }
        let key = [0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908];
        assert_eq!(siphash24(key, b"a") % (1 << 62), 3144613055062689994);
        assert_eq!(siphash24(key, b"hello") % (1 << 62), 22433990042967937);
    }
}
