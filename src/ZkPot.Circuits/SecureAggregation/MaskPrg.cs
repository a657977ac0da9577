using System.Numerics;
using System.Security.Cryptography;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>
/// Expands a 32-byte seed into uniform scalars: AES-256 in counter mode, 32 bytes per candidate with the top two bits
/// cleared, kept when below r (rejection sampling, no bias; about three in four are kept). Both ends of a pair expand
/// the same seed to the same mask.
/// </summary>
public static class MaskPrg
{
    static readonly ulong[] R = Limbs(Fr.Modulus);

    public static Fr[] Expand(ReadOnlySpan<byte> seed, int count)
    {
        if (seed.Length != 32) throw new ArgumentException($"a mask seed has 32 bytes, got {seed.Length}", nameof(seed));
        var result = new Fr[count];
        using var aes = Aes.Create();
        aes.Key = seed.ToArray();
        const int Blocks = 2048;
        var counters = new byte[Blocks * 16];
        var stream = new byte[Blocks * 16];
        ulong block = 0;
        int filled = 0;
        while (filled < count)
        {
            for (int b = 0; b < Blocks; b++) BitConverter.TryWriteBytes(counters.AsSpan(16 * b), block++);
            aes.EncryptEcb(counters, stream, PaddingMode.None);
            for (int o = 0; o < stream.Length && filled < count; o += 32)
            {
                ulong l0 = BitConverter.ToUInt64(stream, o), l1 = BitConverter.ToUInt64(stream, o + 8),
                      l2 = BitConverter.ToUInt64(stream, o + 16), l3 = BitConverter.ToUInt64(stream, o + 24) & 0x3fff_ffff_ffff_ffffUL;
                if (Below(l0, l1, l2, l3)) result[filled++] = Fr.FromMontgomery(l0, l1, l2, l3);
            }
        }
        return result;
    }

    static bool Below(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        if (l3 != R[3]) return l3 < R[3];
        if (l2 != R[2]) return l2 < R[2];
        if (l1 != R[1]) return l1 < R[1];
        return l0 < R[0];
    }

    static ulong[] Limbs(BigInteger v) => [(ulong)(v & ulong.MaxValue), (ulong)((v >> 64) & ulong.MaxValue), (ulong)((v >> 128) & ulong.MaxValue), (ulong)(v >> 192)];
}
