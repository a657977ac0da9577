using System.Numerics;

namespace ZkPot.Crypto;

/// <summary>
/// The 80-bit Grain LFSR in self-shrinking mode that the Poseidon paper (ePrint 2019/458, appendix E) uses to derive
/// round constants and MDS matrices, so the constants are reproduced from the parameters rather than trusted as data.
/// </summary>
internal sealed class GrainLfsr
{
    const int RegisterBits = 80;
    const int WarmUpBits = 160;

    // Bit i holds b_i of the paper; b_0 is the oldest bit and leaves first.
    UInt128 _register;

    /// <summary>Seeds the register from the instance description (all fields most significant bit first) and discards the first 160 bits.</summary>
    public GrainLfsr(int fieldType, int sbox, int fieldBits, int width, int fullRounds, int partialRounds)
    {
        int position = 0;
        Append(ref position, fieldType, 2, nameof(fieldType));
        Append(ref position, sbox, 4, nameof(sbox));
        Append(ref position, fieldBits, 12, nameof(fieldBits));
        Append(ref position, width, 12, nameof(width));
        Append(ref position, fullRounds, 10, nameof(fullRounds));
        Append(ref position, partialRounds, 10, nameof(partialRounds));
        while (position < RegisterBits) _register |= UInt128.One << position++;
        for (int i = 0; i < WarmUpBits; i++) Step();
    }

    void Append(ref int position, int value, int bits, string name)
    {
        if (value < 0 || value >= 1 << bits)
            throw new ArgumentOutOfRangeException(name, value, $"Grain LFSR seed field '{name}' must fit in {bits} bits");
        for (int i = bits - 1; i >= 0; i--, position++)
            if (((value >> i) & 1) != 0) _register |= UInt128.One << position;
    }

    int Bit(int index) => (int)(_register >> index) & 1;

    int Step()
    {
        int next = Bit(62) ^ Bit(51) ^ Bit(38) ^ Bit(23) ^ Bit(13) ^ Bit(0);
        _register = (_register >> 1) | ((UInt128)(uint)next << (RegisterBits - 1));
        return next;
    }

    /// <summary>The next output bit: raw bits are taken in pairs and the second is kept only when the first is 1.</summary>
    public int NextBit()
    {
        while (true)
        {
            int selector = Step();
            int value = Step();
            if (selector == 1) return value;
        }
    }

    /// <summary>The next <paramref name="bits"/> output bits read as an unsigned integer, first bit most significant.</summary>
    public BigInteger NextInteger(int bits)
    {
        if (bits is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(bits), bits, "Grain LFSR integers are 1 to 256 bits");
        UInt128 high = 0, low = 0;
        for (int i = 0; i < bits; i++)
        {
            high = (high << 1) | (low >> 127);
            low = (low << 1) | (uint)NextBit();
        }
        return ((BigInteger)high << 128) | low;
    }
}
