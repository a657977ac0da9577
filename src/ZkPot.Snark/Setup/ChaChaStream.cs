using System.Numerics;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The ChaCha20 keystream of ffjavascript's <c>ChaCha</c>, which snarkjs seeds from a transcript hash to derive
/// phase-2 points: the eight seed words are the key, words 12..15 a 128-bit block counter starting at 0, no nonce;
/// 32-bit words come out in block order. Reproduced word for word so that our hash-to-G2 equals snarkjs's.
/// </summary>
internal sealed class ChaChaStream
{
    readonly uint[] _state = new uint[16];
    readonly uint[] _block = new uint[16];
    int _next = 16;

    public ChaChaStream(ReadOnlySpan<uint> seed)
    {
        if (seed.Length != 8)
            throw new ArgumentException($"ChaCha needs 8 seed words, got {seed.Length}", nameof(seed));
        // "expand 32-byte k"
        _state[0] = 0x61707865;
        _state[1] = 0x3320646E;
        _state[2] = 0x79622D32;
        _state[3] = 0x6B206574;
        seed.CopyTo(_state.AsSpan(4));
    }

    public uint NextU32()
    {
        if (_next == 16)
            Refill();
        return _block[_next++];
    }

    /// <summary>Two words, the first one high, as ffjavascript's <c>nextU64</c>.</summary>
    public ulong NextU64()
    {
        ulong high = NextU32();
        return (high << 32) | NextU32();
    }

    public bool NextBool() => (NextU32() & 1) == 1;

    void Refill()
    {
        _state.CopyTo(_block, 0);
        for (var i = 0; i < 10; i++)
        {
            QuarterRound(0, 4, 8, 12);
            QuarterRound(1, 5, 9, 13);
            QuarterRound(2, 6, 10, 14);
            QuarterRound(3, 7, 11, 15);
            QuarterRound(0, 5, 10, 15);
            QuarterRound(1, 6, 11, 12);
            QuarterRound(2, 7, 8, 13);
            QuarterRound(3, 4, 9, 14);
        }
        for (var i = 0; i < 16; i++)
            _block[i] += _state[i];
        _next = 0;
        for (var i = 12; i < 16; i++)
        {
            if (++_state[i] != 0)
                break;
        }
    }

    void QuarterRound(int a, int b, int c, int d)
    {
        var s = _block;
        s[a] += s[b];
        s[d] = BitOperations.RotateLeft(s[d] ^ s[a], 16);
        s[c] += s[d];
        s[b] = BitOperations.RotateLeft(s[b] ^ s[c], 12);
        s[a] += s[b];
        s[d] = BitOperations.RotateLeft(s[d] ^ s[a], 8);
        s[c] += s[d];
        s[b] = BitOperations.RotateLeft(s[b] ^ s[c], 7);
    }
}
